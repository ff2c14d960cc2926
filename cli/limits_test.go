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

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"1024": 1024, "64MiB": 64 << 20, "2 GiB": 2 << 30, "10KiB": 10 << 10, "7B": 7} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("%q: %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "-1", "0", "1TB", "9999999GiB"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
