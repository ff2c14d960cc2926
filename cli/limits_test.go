package cli

import (
	"strings"
	"testing"
)

func TestMaxFileSizeRaisesTheLimitForTrustedFiles(t *testing.T) {
	big := writeFile(t, "org.yaml", "version: 1\nregion: us-east-1\ndescription: "+strings.Repeat("x", 5<<20)+"\nvpcs: []\n")
	t.Setenv(maxFileSizeEnv, "")
	if code, _, stderr := run(t, "fmt", big); code != ExitUsage || !strings.Contains(stderr, "VPCSMITH_MAX_FILE_SIZE") {
		t.Errorf("default limit: exit %d, stderr %q", code, stderr)
	}
	t.Setenv(maxFileSizeEnv, "8MiB")
	if code, out, stderr := run(t, "fmt", big); code != 0 || !strings.Contains(out, "description:") {
		t.Errorf("raised limit: exit %d, stderr %q", code, stderr)
	}
	t.Setenv(maxFileSizeEnv, "lots")
	if code, _, stderr := run(t, "fmt", big); code != ExitUsage || !strings.Contains(stderr, "write a size such as 64MiB") {
		t.Errorf("bad value: exit %d, stderr %q", code, stderr)
	}
}

// TestParseSize: the sizes of issue 19 (1TiB and 64mib were "not a
// positive size"), units in any case, fractions exactly, and a clear error
// for each kind of mistake.
func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{
		"4096": 4096, "7B": 7, "7b": 7, "10KiB": 10 << 10, "64MiB": 64 << 20, "64mib": 64 << 20, "64MIB": 64 << 20,
		"2 GiB": 2 << 30, "1TiB": 1 << 40, "1tib": 1 << 40, "64M": 64 << 20, "1t": 1 << 40, " 8MiB ": 8 << 20,
		"1.5GiB": 3 << 29, ".5KiB": 512, "0.1KiB": 102, "1.0000000000000000000001B": 1,
	} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for bad, msg := range map[string]string{
		"":                              "not a size",
		"abc":                           "not a size",
		"1.":                            "not a size",
		"1e6":                           "not a size",
		"0":                             "must be positive",
		"0.0001B":                       "must be positive",
		"-1":                            "must be positive",
		"-64MiB":                        "must be positive",
		"1TB":                           "ambiguous; use KiB, MiB, GiB or TiB",
		"64mb":                          "ambiguous",
		"64 parsecs":                    "unknown unit",
		"99999999999TiB":                "too large",
		"99999999999999999999999999TiB": "too large",
	} {
		if _, err := parseSize(bad); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: error %v, want one saying %q", bad, err, msg)
		}
	}
}

// TestMaxFileSizeUnits: the environment variable takes the new spellings
// end to end, and a bad value's message names the variable and the fix.
func TestMaxFileSizeUnits(t *testing.T) {
	for _, v := range []string{"1TiB", "64mib", "1.5GiB"} {
		t.Setenv(maxFileSizeEnv, v)
		lim, err := fileLimits()
		if want, _ := parseSize(v); err != nil || lim.MaxBytes != want {
			t.Errorf("%s: limit %d, %v", v, lim.MaxBytes, err)
		}
	}
	t.Setenv(maxFileSizeEnv, "-1")
	if _, err := fileLimits(); err == nil || err.Error() != `VPCSMITH_MAX_FILE_SIZE="-1": a size must be positive; write a size such as 64MiB` {
		t.Errorf("-1: %v", err)
	}
}
