// Command vpcsmith designs AWS VPC networks in the terminal; see README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/vpcsmith/vpcsmith/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Execute(ctx, os.Args[1:], cli.StdStreams())
	stop()
	os.Exit(code)
}
