package testtools

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// motoStartTimeout bounds how long a starting moto_server may take to answer
// HTTP (it takes about 1 s on an idle machine; CI runs packages in parallel).
const motoStartTimeout = 30 * time.Second

// motoProc is one running moto_server.
type motoProc struct {
	endpoint string
	cmd      *exec.Cmd
	exited   chan struct{} // closed when the process has exited
	logPath  string
	stopOnce sync.Once
}

// MotoServer starts a private moto_server on a free loopback port for this
// test and returns its endpoint ("http://127.0.0.1:PORT"). The server (its
// whole process group) is killed by t.Cleanup. Nothing global is set: point
// clients at the endpoint, e.g. with AWS_ENDPOINT_URL via t.Setenv, and use
// fake credentials and region us-east-1.
//
// There is deliberately no server shared between tests (there was one): its
// state leaked from test to test and from one -count run to the next, which
// made the suites flaky (InvalidPermission.Duplicate,
// AlreadyExistsException). A start costs about a second.
func MotoServer(t testing.TB) string {
	t.Helper()
	Require(t, ToolMoto)
	p, err := startMoto()
	if err != nil {
		t.Fatalf("testtools: %v", err)
	}
	t.Cleanup(p.stop)
	return p.endpoint
}

// ResetMoto clears every backend of the moto server at endpoint
// (POST /moto-api/reset), giving the next request a fresh default account.
func ResetMoto(t testing.TB, endpoint string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/moto-api/reset", nil)
	if err != nil {
		t.Fatalf("testtools: reset moto: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("testtools: reset moto: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("testtools: reset moto: HTTP %s", resp.Status)
	}
}

// startMoto tries a few free ports: between picking a port and moto binding
// it, another process may take it.
func startMoto() (*motoProc, error) {
	bin, err := findVenvBin(ToolMoto)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range 3 {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		p, err := startMotoOn(bin, port)
		if err == nil {
			return p, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startMotoOn(bin string, port int) (*motoProc, error) {
	// The log goes to a file, not a pipe: a pipe would make cmd.Wait (and go
	// test) wait on any process that inherited it.
	logf, err := os.CreateTemp("", "vpcsmith-moto-*.log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout = logf
	cmd.Stderr = logf
	cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1")
	setProcAttrs(cmd)
	if err := cmd.Start(); err != nil {
		logf.Close()
		os.Remove(logf.Name())
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	logf.Close() // the child has its own copy
	p := &motoProc{
		endpoint: "http://127.0.0.1:" + strconv.Itoa(port),
		cmd:      cmd,
		exited:   make(chan struct{}),
		logPath:  logf.Name(),
	}
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	if err := p.waitReady(motoStartTimeout); err != nil {
		log := p.logTail()
		p.stop()
		return nil, fmt.Errorf("moto_server on port %d: %w\n--- moto_server output ---\n%s", port, err, log)
	}
	return p, nil
}

// waitReady polls until the server answers any HTTP response.
func (p *motoProc) waitReady(timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for {
		resp, err := client.Get(p.endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("exited before answering (%v)", p.cmd.ProcessState)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no HTTP answer within %s: %w", timeout, err)
		}
	}
}

func (p *motoProc) logTail() string {
	b, _ := os.ReadFile(p.logPath)
	const max = 4000
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(bytes.TrimSpace(b))
}

// stop terminates the process group, escalating to SIGKILL after 5 s.
func (p *motoProc) stop() {
	p.stopOnce.Do(func() {
		killGroup(p.cmd, false)
		select {
		case <-p.exited:
		case <-time.After(5 * time.Second):
			killGroup(p.cmd, true)
			<-p.exited
		}
		os.Remove(p.logPath)
	})
}
