package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Streams are where a command reads and writes. Commands never touch
// os.Stdout directly, so tests run them against buffers.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// OutIsTTY and InIsTTY say whether the streams are terminals:
	// decorations (colour) go only to a terminal.
	OutIsTTY bool
	InIsTTY  bool
}

// StdStreams returns the process's standard streams.
func StdStreams() Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutIsTTY: term.IsTerminal(int(os.Stdout.Fd())),
		InIsTTY:  term.IsTerminal(int(os.Stdin.Fd())),
	}
}

// Color reports whether output to a terminal may be coloured: only on a
// TTY, and never when NO_COLOR is set (https://no-color.org).
func (s Streams) Color() bool {
	return s.OutIsTTY && os.Getenv("NO_COLOR") == ""
}
