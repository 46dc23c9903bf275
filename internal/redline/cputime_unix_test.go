//go:build unix

package redline

import "syscall"

// cpuTime is the CPU time this process has used, in nanoseconds. Reported
// next to wall time because the shared benchmark machine is often busy.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
