package design

import "fmt"

func fmtPrintln(a ...any) { fmt.Println(a...) }
