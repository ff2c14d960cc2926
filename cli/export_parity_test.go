package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui"
)

// TestDesignerAndCLIWriteTheSameExports exports every template and the
// reference example in every registered format twice: with `vpcsmith
// export <format> FILE -o DIR`, and through the designer's own export menu
// (the x key, then the format's number) on the same file. Both must write
// the same file names with the same bytes.
func TestDesignerAndCLIWriteTheSameExports(t *testing.T) {
	sources := map[string][]byte{}
	for _, name := range templates.Names() {
		src, err := templates.Source(name)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = src
	}
	ref, err := os.ReadFile("../examples/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sources["reference"] = ref
	formats := export.Formats()
	exporters := designerExporters()
	if len(exporters) != len(formats) {
		t.Fatalf("the designer offers %d exports, the registry has %d formats", len(exporters), len(formats))
	}
	for name, src := range sources {
		for fi, f := range formats {
			t.Run(name+"/"+f.Name, func(t *testing.T) {
				cliDir, outDir, designerDir := t.TempDir(), t.TempDir(), t.TempDir()
				file := filepath.Join(cliDir, name+".yaml")
				if err := os.WriteFile(file, src, 0o644); err != nil {
					t.Fatal(err)
				}
				if code, _, stderr := run(t, "export", f.Name, file, "-o", outDir); code != ExitOK {
					t.Fatalf("CLI: exit %d: %s", code, stderr)
				}
				want := readDir(t, outDir, "")

				path := filepath.Join(designerDir, name+".yaml")
				if err := os.WriteFile(path, src, 0o644); err != nil {
					t.Fatal(err)
				}
				d, err := design.Load(path)
				if err != nil {
					t.Fatal(err)
				}
				m := ui.New(ui.Options{Path: path, Design: d, Exporters: exporters, Now: func() time.Time { return time.Unix(0, 0) }})
				m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
				m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
				key := rune('1' + fi)
				_, cmd := m.Update(tea.KeyPressMsg{Code: key, Text: string(key)})
				if cmd == nil {
					t.Fatalf("the designer's menu has no entry %c for %s", key, f.Title)
				}
				runCmds(cmd)
				got := readDir(t, designerDir, filepath.Base(path))
				if !slices.Equal(keys(got), keys(want)) {
					t.Fatalf("file names differ:\n CLI      %q\n designer %q", keys(want), keys(got))
				}
				for n, b := range want {
					if !bytes.Equal(got[n], b) {
						t.Errorf("%s: the designer's bytes differ from the CLI's (%d vs %d bytes)", n, len(got[n]), len(b))
					}
				}
			})
		}
	}
}

// runCmds runs a command and the commands of any batch it returns, each
// at most a second: the export writes its files before it returns, and
// timers the designer starts meanwhile are not waited for.
func runCmds(cmd tea.Cmd) {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				if c != nil {
					runCmds(c)
				}
			}
		}
	case <-time.After(time.Second):
	}
}

func readDir(t *testing.T, dir, skip string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.Name() == skip {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	if len(out) == 0 {
		t.Fatalf("nothing written in %s", dir)
	}
	return out
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
