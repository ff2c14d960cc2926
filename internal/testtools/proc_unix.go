//go:build unix

package testtools

import (
	"os/exec"
	"syscall"
)

// killGroup signals the whole process group started by setProcAttrs, so
// helpers a tool forks die with it.
func killGroup(cmd *exec.Cmd, hard bool) {
	if cmd.Process == nil {
		return
	}
	sig := syscall.SIGTERM
	if hard {
		sig = syscall.SIGKILL
	}
	if err := syscall.Kill(-cmd.Process.Pid, sig); err != nil {
		_ = cmd.Process.Signal(sig)
	}
}
