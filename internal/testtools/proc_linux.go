//go:build linux

package testtools

import (
	"os/exec"
	"syscall"
)

// setProcAttrs puts the server in its own process group (so killGroup reaches
// everything it forks) and asks Linux to kill it if the test binary dies
// without running its cleanups (panic, timeout), so no server outlives go test.
func setProcAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
