//go:build unix && !linux

package testtools

import (
	"os/exec"
	"syscall"
)

// setProcAttrs puts the server in its own process group, so killGroup reaches
// everything it forks. (No parent-death signal here:
// a test binary that dies before its cleanups leaves its servers running.)
func setProcAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
