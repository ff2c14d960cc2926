//go:build unix

package design

import (
	"errors"
	"os"
	"syscall"
)

// canLock: flock(2) locks die with their process, which is what tells a
// temporary file of a killed save from one a live save is writing.
const canLock = true

// lockFile takes an exclusive lock on f, waiting for it.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// tryLockFile takes an exclusive lock on f if nobody holds one.
func tryLockFile(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
