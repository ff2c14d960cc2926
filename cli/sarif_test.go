package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestValidateSARIF: `validate --format sarif` validates against the SARIF
// 2.1.0 JSON schema (from the npm package in tools/sarif), names each
// finding's rule from the catalog, and puts it on its line and column.
func TestValidateSARIF(t *testing.T) {
	bad := writeFile(t, "bad.yaml", "version: 1\nvpcs: [\n")
	for _, args := range [][]string{
		{"validate", reference, "--format", "sarif"},
		{"validate", reference, "--format", "sarif", "--security"},
		{"validate", bad, "--format", "sarif"},
		{"validate", writeFile(t, "overlap.yaml", overlapping), "--format", "sarif"},
	} {
		code, out, stderr := run(t, args...)
		if code == ExitUsage && !strings.Contains(args[1], "bad") {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		if errs := testtools.SARIFValidate(t, []byte(out)); errs != "" {
			t.Errorf("%v: not valid SARIF 2.1.0:\n%s\n%s", args, errs, out)
		}
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct {
						Name  string `json:"name"`
						Rules []struct {
							ID string `json:"id"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID    string `json:"ruleId"`
					RuleIndex int    `json:"ruleIndex"`
					Level     string `json:"level"`
					Message   struct {
						Text string `json:"text"`
					} `json:"message"`
					Locations []struct {
						Physical struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Region struct {
								StartLine, StartColumn int
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "vpcsmith" {
			t.Fatalf("%v: header %+v", args, log)
		}
		run := log.Runs[0]
		if len(run.Results) == 0 {
			t.Errorf("%v: no results", args)
		}
		for _, r := range run.Results {
			if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.Message.Text == "" || len(r.Locations) != 1 ||
				r.Locations[0].Physical.Region.StartLine == 0 || !sarifURIOK(args[1], r.Locations[0].Physical.Artifact.URI) {
				t.Errorf("%v: result %+v: want its catalog rule, a message, a relative URI and a line", args, r)
			}
			switch r.Level {
			case "error", "warning", "note":
			default:
				t.Errorf("%v: level %q", args, r.Level)
			}
		}
	}
}

// sarifURIOK: a relative file is a relative URI; a file outside the
// working directory a file:// URI.
func sarifURIOK(file, uri string) bool {
	if strings.HasPrefix(file, "/") {
		return uri == "file://"+file
	}
	return uri == file
}
