package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// maxFileSizeEnv raises the loader's file size limit for files the user
// trusts, such as the import of a whole organisation. The default protects
// against hostile files; an environment variable (like NO_COLOR) reaches
// every command and the designer alike.
const maxFileSizeEnv = "VPCSMITH_MAX_FILE_SIZE"

// fileLimits returns the loader limits, raised by VPCSMITH_MAX_FILE_SIZE
// (bytes, or with a KiB/MiB/GiB suffix) when it is set.
func fileLimits() (design.Limits, error) {
	lim := design.DefaultLimits()
	v := strings.TrimSpace(os.Getenv(maxFileSizeEnv))
	if v == "" {
		return lim, nil
	}
	n, err := parseSize(v)
	if err != nil {
		return lim, fmt.Errorf("%s=%q: %v; write a size such as 64MiB", maxFileSizeEnv, v, err)
	}
	lim.MaxBytes = max(n, lim.MaxBytes)
	return lim, nil
}

func parseSize(s string) (int, error) {
	mult := 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("not a positive size")
	}
	if n > (1<<31)/mult {
		return 0, fmt.Errorf("too large")
	}
	return n * mult, nil
}

// loadDesign loads the design file at path with the user's limits.
func loadDesign(path string) (*design.Design, error) {
	lim, err := fileLimits()
	if err != nil {
		return nil, err
	}
	return design.LoadWithLimits(path, lim)
}
