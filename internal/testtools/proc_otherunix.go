//go:build unix && !linux

package testtools

import (
	"os/exec"
	"syscall"
)

// setProcAttrs puts the server in its own process group, so killGroup reaches
// everything it forks. (No parent-death signal here: see StopSharedMoto.)
func setProcAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
