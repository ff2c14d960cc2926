//go:build unix

package design_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// crashChildEnv, when set, makes TestCrashSaverChild the child process of
// TestSaveSurvivesSIGKILL: it saves to the path it names until killed.
const crashChildEnv = "VPCSMITH_CRASH_SAVER_PATH"

// crashDesigns are the two designs the child alternates between: about
// 200 KB and 20 KB in canonical form, so a kill can land while either the
// long or the short one is being written.
func crashDesigns() [2]*design.Design {
	return [2]*design.Design{gen.Design(gen.ForSubnets(1500)), gen.Design(gen.ForSubnets(150))}
}

// TestCrashSaverChild is not a test of its own: run by
// TestSaveSurvivesSIGKILL with crashChildEnv set, it saves the two designs
// in turn, forever, saying "ready" once the first save is done (and with
// it the clean-up of stale temporary files that a save starts with). The
// first is the small one, to be ready sooner.
func TestCrashSaverChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		return
	}
	ds := crashDesigns()
	for i := 0; ; i++ {
		if err := design.Save(path, ds[(i+1)%2]); err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			os.Exit(3)
		}
		if i == 0 {
			fmt.Println("ready")
		}
	}
}

// TestSaveSurvivesSIGKILL kills processes that save through a symlink in
// a loop, 200 times at random moments, and checks after each kill that the
// file is byte for byte one of the two designs (never empty, never a
// mixture), that the link is still a link to the same file, and that the
// file kept its mode. Four workers, each with its own file, share the 200
// kills (in goroutines, not parallel subtests, which -test.parallel would
// limit to the CPUs): a kill's time is mostly a process starting and
// syncing to disk.
//
// A kill between creating the temporary file and the rename leaves that
// file behind: nothing a process does can prevent it. So the test ages
// each leftover by two minutes and checks that the next process's first
// save removed it, and counts the kills that left one, to prove that kills
// did land inside saves.
func TestSaveSurvivesSIGKILL(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("running as the child")
	}
	const workers, kills = 4, 200
	ds := crashDesigns()
	want := [2][]byte{design.Marshal(ds[0]), design.Marshal(ds[1])}
	if len(want[0]) < 150_000 || len(want[1]) > 30_000 {
		t.Fatalf("designs of %d and %d bytes, want about 200 KB and 20 KB", len(want[0]), len(want[1]))
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	stats := make([]map[string]int, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	t0 := time.Now()
	for w := range workers {
		dir := t.TempDir()
		wg.Go(func() {
			stats[w], errs[w] = killLoop(dir, kills/workers, ds, want, rand.New(rand.NewPCG(seed, uint64(w))))
		})
	}
	wg.Wait()
	total := map[string]int{}
	for w := range workers {
		if errs[w] != nil {
			t.Errorf("worker %d: %v", w, errs[w])
		}
		for k, n := range stats[w] {
			total[k] += n
		}
	}
	t.Logf("%d kills in %v: %v", kills, time.Since(t0).Round(time.Millisecond), total)
	if t.Failed() {
		return
	}
	if total["leftovers=1"] == 0 {
		t.Errorf("no kill landed between the temporary file's creation and the rename: the test is not exercising crashes")
	}
	if total["large"] == 0 || total["small"] == 0 {
		t.Errorf("the kills always found the same design (%v): saves were not interrupted at varied points", total)
	}
}

// killLoop is one worker of TestSaveSurvivesSIGKILL: in root, it kills
// savers of its own file n times, checking the file after each kill, and
// returns what it found (which design, how many leftover temporary files).
func killLoop(root string, n int, ds [2]*design.Design, want [2][]byte, rng *rand.Rand) (map[string]int, error) {
	realDir := filepath.Join(root, "real")
	if err := os.Mkdir(realDir, 0o755); err != nil {
		return nil, err
	}
	target := filepath.Join(realDir, "net.yaml")
	link := filepath.Join(root, "link.yaml")
	if err := os.WriteFile(target, want[1], 0o640); err != nil {
		return nil, err
	}
	if err := os.Chmod(target, 0o640); err != nil { // whatever the umask
		return nil, err
	}
	if err := os.Symlink(filepath.Join("real", "net.yaml"), link); err != nil {
		return nil, err
	}

	// Kill at a uniformly random moment of about one save cycle (a large
	// and a small save), so kills land at every stage of both.
	start := time.Now()
	for i := range 6 {
		if err := design.Save(link, ds[i%2]); err != nil {
			return nil, err
		}
	}
	window := time.Since(start) / 3

	var aged []string // leftovers made stale, which the next save must remove
	stats := map[string]int{}
	for k := range n {
		if err := killSaver(link, time.Duration(rng.Int64N(int64(window)+1))); err != nil {
			return stats, fmt.Errorf("kill %d: %w", k, err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return stats, fmt.Errorf("kill %d: %s is no longer a symlink (%v)", k, link, err)
		}
		if dest, _ := os.Readlink(link); dest != filepath.Join("real", "net.yaml") {
			return stats, fmt.Errorf("kill %d: the link points to %q", k, dest)
		}
		got, err := os.ReadFile(link)
		if err != nil {
			return stats, fmt.Errorf("kill %d: %w", k, err)
		}
		switch {
		case bytes.Equal(got, want[0]):
			stats["large"]++
		case bytes.Equal(got, want[1]):
			stats["small"]++
		default:
			return stats, fmt.Errorf("kill %d: the file is neither design (%d bytes)", k, len(got))
		}
		if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o640 {
			return stats, fmt.Errorf("kill %d: mode %v, want 0640 (%v)", k, fi.Mode().Perm(), err)
		}
		if names, err := dirNames(root); err != nil || len(names) != 2 {
			return stats, fmt.Errorf("kill %d: files beside the link: %v (%v)", k, names, err)
		}

		temps, err := tempFiles(realDir)
		if err != nil {
			return stats, err
		}
		for _, a := range aged {
			if slices.Contains(temps, a) {
				return stats, fmt.Errorf("kill %d: the next save did not remove the stale temporary file %s", k, a)
			}
		}
		if len(temps) > 1 {
			return stats, fmt.Errorf("kill %d: %d temporary files after one killed save: %v", k, len(temps), temps)
		}
		stats[fmt.Sprintf("leftovers=%d", len(temps))]++
		aged = temps
		old := time.Now().Add(-2 * time.Minute)
		for _, name := range temps {
			if err := os.Chtimes(filepath.Join(realDir, name), old, old); err != nil {
				return stats, err
			}
		}
	}

	// A last, complete save cleans up the last (aged) leftover.
	if err := design.Save(link, ds[0]); err != nil {
		return stats, err
	}
	if temps, err := tempFiles(realDir); err != nil || len(temps) != 0 {
		return stats, fmt.Errorf("temporary files after a successful save: %v (%v)", temps, err)
	}
	return stats, nil
}

// killSaver starts the saving child, waits for its first save, lets it run
// for delay and kills it with SIGKILL.
func killSaver(path string, delay time.Duration) error {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSaverChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			return fmt.Errorf("the saver exited before its first save: %s", stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("the saver did not finish a save in 30 s: %s", stderr.String())
	}
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		return err
	}
	cmd.Wait()
	if stderr.Len() > 0 {
		return fmt.Errorf("the saver failed: %s", stderr.String())
	}
	return nil
}

// tempFiles lists the temporary files of net.yaml's saves in dir.
func tempFiles(dir string) ([]string, error) {
	names, err := dirNames(dir)
	var out []string
	for _, name := range names {
		if strings.HasPrefix(name, ".net.yaml.tmp-") {
			out = append(out, name)
		}
	}
	return out, err
}

func dirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, err
}

// TestSaveRemovesOnlyStaleTemps: a save removes its file's temporary files
// that no live save holds (where files can be locked: a lock dies with its
// process, so even a fresh one is a killed save's; elsewhere those over a
// minute old), and leaves alone one a save in progress holds, other
// files' temporary files, and names or kinds of file that WriteFileAtomic
// never creates.
func TestSaveRemovesOnlyStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.yaml")
	old := time.Now().Add(-2 * time.Minute)
	make := func(name string, stale, isDir bool) string {
		p := filepath.Join(dir, name)
		var err error
		if isDir {
			err = os.Mkdir(p, 0o755)
		} else {
			err = os.WriteFile(p, []byte("partial"), 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		if stale {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return name
	}
	stale := make(".net.yaml.tmp-123456", true, false)
	fresh := make(".net.yaml.tmp-654321", false, false)    // a fresh leftover, or a save in progress without locks
	live, err := design.CreateTempForTest(dir, "net.yaml") // a save in progress
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	keep := []string{
		filepath.Base(live.Name()),
		make(".net.yaml.tmp-notes", true, false), // not a name Save makes
		make(".net.yaml.tmp-", true, false),
		make(".other.yaml.tmp-42", true, false), // another file's
		make(".net.yaml.tmp-777", true, true),   // a directory
		make("net.yaml.tmp-99", true, false),
	}
	if err := design.Save(path, gen.Design(gen.ForSubnets(12))); err != nil {
		t.Fatal(err)
	}
	names, err := dirNames(dir)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names, stale) {
		t.Errorf("the stale temporary file %s is still there", stale)
	}
	if got := slices.Contains(names, fresh); got == design.CanLockForTest {
		t.Errorf("the fresh unlocked temporary file %s: kept %v, want kept only where files cannot be locked", fresh, got)
	}
	for _, k := range keep {
		if !slices.Contains(names, k) {
			t.Errorf("%s was removed", k)
		}
	}
}
