//go:build unix

package ui

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

// The child process of TestJournalSurvivesSIGKILL is this test binary,
// told by these variables which design to open and where its journal is.
const (
	killChildJournal = "VPCSMITH_TEST_KILL_CHILD_JOURNAL"
	killChildDesign  = "VPCSMITH_TEST_KILL_CHILD_DESIGN"
)

// TestJournalSurvivesSIGKILL kills a real designer process with SIGKILL
// right after an edit on a 5,000-VPC design: the child opens the design,
// edits it (Update, then the edit's commands as Bubble Tea runs them) and
// says on a pipe that it is ready, with the hash of its design; the
// parent kills it at once, with nothing delivered to Update since. The
// journal the dead process left must rebuild its design, edit included:
// nothing the edit needed was still in the process's memory.
func TestJournalSurvivesSIGKILL(t *testing.T) {
	if dir := os.Getenv(killChildJournal); dir != "" {
		killChild(t, dir, os.Getenv(killChildDesign))
		return
	}
	if testing.Short() {
		t.Skip("a 5,000-VPC design in a child process")
	}
	path := writeBigDesign(t)
	jdir := filepath.Join(t.TempDir(), "journal")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// Bounded: a child that never gets ready is killed by the context.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestJournalSurvivesSIGKILL$", "-test.count=1")
	child.Env = append(os.Environ(), killChildJournal+"="+jdir, killChildDesign+"="+path)
	child.ExtraFiles = []*os.File{w} // fd 3 in the child
	var out bytes.Buffer
	child.Stdout, child.Stderr = &out, &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close() // the child's end only: EOF if the child dies before it is ready
	line, rerr := bufio.NewReader(r).ReadString('\n')
	// SIGKILL at once: no handler, no deferred function runs in the child.
	kerr := child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	if rerr != nil || kerr != nil {
		t.Fatalf("the child did not get ready (%v, %v):\n%s", rerr, kerr, out.String())
	}
	if ws, ok := child.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed by SIGKILL: %v\n%s", child.ProcessState, out.String())
	}
	var want string
	var edits int
	if _, err := fmt.Sscanf(line, "ready %s %d", &want, &edits); err != nil || edits != 1 {
		t.Fatalf("child said %q (%v)", line, err)
	}
	e, err := journal.Open(jdir).Read(path)
	if err != nil || e == nil {
		t.Fatalf("no journal after the kill: %v", err)
	}
	orig, _ := os.ReadFile(path)
	if journal.Hash([]byte(e.Design)) != want || e.Edits != 1 || e.Design == string(orig) {
		t.Fatalf("the journal after the kill holds %d edits and not the killed designer's design (same as the file: %v)", e.Edits, e.Design == string(orig))
	}
}

// killChild is the child's side: open, edit once, say so, wait for the kill.
func killChild(t *testing.T, jdir, path string) {
	lim := design.Limits{MaxBytes: 64 << 20}
	d, data, _, err := design.Open(path, lim)
	if err != nil {
		t.Fatal(err)
	}
	tt := newTester(t, Options{Path: path, Design: d, Base: data, Journal: journal.Open(jdir), Limits: lim}, 160, 50)
	runEditCommands(tt, "n")
	if !strings.HasPrefix(tt.m.status, "cycle NAT") || !tt.m.Dirty() {
		t.Fatalf("the edit did not happen: %q", tt.m.status)
	}
	ready := os.NewFile(3, "ready")
	fmt.Fprintf(ready, "ready %s %d\n", journal.Hash(design.Marshal(tt.m.Design())), 1)
	// The parent kills this process now; a parent gone without killing it
	// must not leave it running forever.
	time.Sleep(5 * time.Minute)
	t.Fatal("not killed within 5 minutes")
}
