package ui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// The designer end to end in a real terminal (issue 15): the vpcsmith
// binary in a tmux pane of 120×40, driven by keys as a person would, the
// screen read after each step and the saved file at the end.

// tmuxTerm is a tmux server of the test's own (its socket in a temporary
// directory, so that nothing else's sessions are touched) with one pane.
type tmuxTerm struct {
	t    *testing.T
	sock string
}

// startTmux runs argv in a detached w × h tmux session; the server is
// killed when the test ends.
func startTmux(t *testing.T, w, h int, env []string, argv ...string) *tmuxTerm {
	t.Helper()
	testtools.Require(t, "tmux")
	tm := &tmuxTerm{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	args := []string{"new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), "env"}
	args = append(append(append(args, env...), "TERM=xterm-256color"), argv...)
	tm.run(args...)
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.sock, "kill-server").Run() })
	return tm
}

func (tm *tmuxTerm) run(args ...string) string {
	tm.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", tm.sock}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, errb.String())
	}
	return out.String()
}

// keys sends key names as tmux spells them ("Enter", "C-s", "Escape");
// an argument starting with "=" is text, sent literally (-l) without it.
func (tm *tmuxTerm) keys(ks ...string) {
	tm.t.Helper()
	for _, k := range ks {
		if lit, ok := strings.CutPrefix(k, "="); ok {
			tm.run("send-keys", "-t", "e2e", "-l", lit)
		} else {
			tm.run("send-keys", "-t", "e2e", k)
		}
	}
}

func (tm *tmuxTerm) screen() string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", "e2e")
}

// waitFor polls the screen until it contains every one of wants (the
// designer draws asynchronously), failing with the screen after 10 s.
func (tm *tmuxTerm) waitFor(step string, wants ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(s, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: the screen does not show %q:\n%s", step, missing, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// escape leaves the inspector for the diagram and waits for its footer:
// a key sent right after an escape would be read with it as alt+key.
func (tm *tmuxTerm) escape() {
	tm.t.Helper()
	tm.keys("Escape")
	tm.waitFor("esc to the diagram", "a add ·")
}

// gone waits until the pane's program has ended (the session closes).
func (tm *tmuxTerm) gone(step string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("tmux", "-S", tm.sock, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: the designer is still running:\n%s", step, tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// buildVpcsmith builds the command (the module's main package) into dir.
func buildVpcsmith(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "vpcsmith")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".." // the module root, from ui/
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	testtools.Require(t, "tmux")
	dir := t.TempDir()
	bin := buildVpcsmith(t, dir)
	path := filepath.Join(dir, "lab.yaml")
	tm := startTmux(t, 120, 40, []string{"VPCSMITH_RECOVERY_DIR=" + filepath.Join(dir, "recovery"), "HOME=" + dir}, bin, path)

	// The picker: a new file; the empty design, named.
	tm.waitFor("picker", "lab.yaml does not exist yet", "(empty design)")
	tm.keys("G", "Enter")
	tm.waitFor("name prompt", "Name the new design")
	tm.keys("C-u", "=network lab", "Enter")
	tm.waitFor("empty design", "network lab", "No VPCs yet", "● unsaved")

	// Two VPCs: a, v, a name, enter; esc leaves the inspector it opens.
	tm.keys("a", "v")
	tm.waitFor("add VPC", "New VPC")
	tm.keys("C-u", "=prod", "Enter")
	tm.waitFor("prod added", "prod", "10.0.0.0/16", "VPC prod")
	tm.escape()
	tm.keys("a", "v")
	tm.waitFor("add second VPC", "New VPC")
	tm.keys("C-u", "=dev", "Enter")
	tm.waitFor("dev added", "10.1.0.0/16", "2 VPCs")
	tm.escape()

	// Peer them: the peering joins the two.
	tm.keys("a", "p")
	tm.waitFor("add peering", "New peering connection")
	tm.keys("C-u", "=prod-dev", "Enter")
	tm.waitFor("peered", "Connection prod-dev", "prod ⇄ dev")
	tm.escape()

	// A security group in prod with an inbound rule from dev.
	tm.keys("g", "]", "a", "s")
	tm.waitFor("add group", "New security group")
	tm.keys("C-u", "=web", "Enter")
	tm.waitFor("group added", "Security group web")
	tm.escape()
	tm.keys("a", "r")
	tm.waitFor("rule field", "+ inbound rule")
	tm.keys("=10.1.0.0/16 443", "Enter")
	tm.waitFor("rule added", "10.1.0.0/16 ─443→ web", "back on the diagram")

	// An overlap: dev takes prod's block, which the peering makes an error.
	tm.keys("]", "c", "C-u", "=10.0.0.0/16", "Enter")
	tm.waitFor("overlap", "✗ 1")
	tm.keys("Tab", "Tab")
	s := tm.waitFor("problems pane", "Problems  ✗1", "VPC dev 10.0.0.0/16", "[vpc-overlap]")
	if !strings.Contains(s, "connection joins them") {
		t.Errorf("the problems pane does not explain the overlap:\n%s", s)
	}

	// Fix it from the problem: enter goes to dev, c sets its block back.
	tm.keys("Enter", "c", "C-u", "=10.1.0.0/16", "Enter")
	tm.waitFor("fixed", "✗ 0")

	// Save and quit.
	tm.keys("C-s")
	tm.waitFor("saved", "saved lab.yaml")
	tm.keys("q")
	tm.gone("quit")

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := design.Parse(path, data)
	if err != nil {
		t.Fatalf("the saved file does not load: %v\n%s", err, data)
	}
	if d.Name != "network lab" || len(d.VPCs) != 2 || d.VPCs[0].Name != "prod" || d.VPCs[1].Name != "dev" || d.VPCs[1].CIDR != "10.1.0.0/16" {
		t.Errorf("saved design:\n%s", data)
	}
	if len(d.Connections) != 1 || d.Connections[0].Kind != design.ConnPeering || strings.Join(d.Connections[0].VPCs, ",") != "prod,dev" {
		t.Errorf("saved connections: %+v", d.Connections)
	}
	if g := d.VPCs[0].FindSecurityGroup("web"); g == nil || len(g.Ingress) != 1 || g.Ingress[0].From != "10.1.0.0/16" || g.Ingress[0].Ports != "443" {
		t.Errorf("saved group web: %+v", g)
	}
	if design.HasErrors(design.Validate(d)) {
		t.Errorf("the saved design has errors: %v", design.Validate(d))
	}
}
