package cli

// The CLI's few colours, as SGR sequences, used only when Streams.Color()
// allows. Kept here so that no other file writes escape sequences.
const (
	sgrReset  = "\x1b[0m"
	sgrRed    = "\x1b[31m"
	sgrYellow = "\x1b[33m"
	sgrBlue   = "\x1b[34m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
)

// eraseLine (EL, erase to the end of the line) clears the import's progress
// line on a terminal before it is redrawn or removed.
const eraseLine = "\x1b[K"

func paint(on bool, sgr, s string) string {
	if !on {
		return s
	}
	return sgr + s + sgrReset
}
