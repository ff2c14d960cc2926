package cli

import (
	"fmt"
	"math/big"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// maxFileSizeEnv raises the loader's file size limit for files the user
// trusts, such as the import of a whole organisation. The default protects
// against hostile files; an environment variable (like NO_COLOR) reaches
// every command and the designer alike.
const maxFileSizeEnv = "VPCSMITH_MAX_FILE_SIZE"

// fileLimits returns the loader limits, raised by VPCSMITH_MAX_FILE_SIZE
// (bytes, or in KiB, MiB, GiB or TiB: see parseSize) when it is set.
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

// sizeUnits are the units parseSize accepts, compared without regard to
// case (64mib, 64MiB): powers of 1024, spelled out or by their initial.
var sizeUnits = map[string]uint{
	"": 0, "b": 0,
	"k": 10, "kib": 10, "m": 20, "mib": 20, "g": 30, "gib": 30, "t": 40, "tib": 40,
}

// sizeSyntax is a number (possibly with a fraction or a sign, which is
// refused with its own message) and a unit.
var sizeSyntax = regexp.MustCompile(`^(-?)(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)$`)

// maxSize bounds a size so that the loader's arithmetic on it cannot
// overflow; it is far above any file a machine could load.
const maxSize = 1 << 62

// parseSize reads a size in bytes: a number, possibly with a fraction
// (1.5GiB), and a unit of sizeUnits, rounded down to whole bytes.
func parseSize(s string) (int, error) {
	m := sizeSyntax.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("not a size")
	}
	unit := strings.ToLower(m[3])
	shift, ok := sizeUnits[unit]
	switch {
	case !ok && slices.Contains([]string{"kb", "mb", "gb", "tb"}, unit):
		// Refused rather than guessed at: people mean 1000 or 1024 by them.
		return 0, fmt.Errorf("%s is ambiguous; use KiB, MiB, GiB or TiB (powers of 1024)", m[3])
	case !ok:
		return 0, fmt.Errorf("unknown unit %q; use B, KiB, MiB, GiB or TiB", m[3])
	case m[1] == "-":
		return 0, fmt.Errorf("a size must be positive")
	}
	// Exact decimal arithmetic, so that 1.5GiB is 1610612736 bytes exactly.
	r, _ := new(big.Rat).SetString(m[2])
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), shift)))
	n := new(big.Int).Quo(r.Num(), r.Denom())
	switch {
	case n.Sign() == 0:
		return 0, fmt.Errorf("a size must be positive")
	case n.Cmp(big.NewInt(maxSize)) > 0:
		return 0, fmt.Errorf("too large")
	}
	return int(n.Int64()), nil
}

// loadDesign loads the design file at path with the user's limits.
func loadDesign(path string) (*design.Design, error) {
	lim, err := fileLimits()
	if err != nil {
		return nil, err
	}
	return design.LoadWithLimits(path, lim)
}

// openDesign is loadDesign for a file that will be written back: the
// design, the bytes it is exactly the parse of, and their Version for
// design.WriteFileChecked (design.Open).
func openDesign(path string) (*design.Design, []byte, design.Version, error) {
	lim, err := fileLimits()
	if err != nil {
		return nil, nil, design.NoFile, err
	}
	return design.Open(path, lim)
}
