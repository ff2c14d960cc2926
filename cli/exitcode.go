package cli

import (
	"errors"
	"fmt"
)

// Exit codes, in one place so that every command means the same by them.
const (
	ExitOK = 0
	// ExitFindings: the command ran, and the design has validation errors,
	// or it is valid but breaks a limit of the output asked for (a
	// CloudFormation quota, Mermaid's size limits): either way, the design
	// must change for the output to exist.
	ExitFindings = 1
	// ExitUsage: a file could not be read or parsed, or the command line was wrong.
	ExitUsage = 2
	// ExitPartial: an import completed only in part (a call was denied).
	ExitPartial = 3
	// ExitChanged: a file changed on disk between its read and its write
	// (fmt -w racing an editor or another program), so nothing was written
	// to it. Its own code, since running the command again is the fix.
	ExitChanged = 4
)

// exitError carries an exit code out of a command. A nil err means the
// command already printed what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err so that the process exits with code.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// silentExit ends the command with code, having printed everything already.
func silentExit(code int) error { return &exitError{code: code} }

// exitCodeOf maps an error from a command to the process exit code; errors
// without a code are usage errors.
func exitCodeOf(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitUsage
}
