//go:build !unix

package testtools

import "os/exec"

// setProcAttrs: no process groups on this system.
func setProcAttrs(cmd *exec.Cmd) {}

// killGroup kills only the process itself on this system.
func killGroup(cmd *exec.Cmd, hard bool) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
