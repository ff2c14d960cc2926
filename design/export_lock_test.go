package design

// For the external tests of saves: a temporary file as a live save holds
// it, and whether this system tells live saves from killed ones by locks.
var (
	CreateTempForTest = createTemp
	CanLockForTest    = canLock
)
