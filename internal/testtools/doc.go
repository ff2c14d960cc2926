// Package testtools runs the external checkers that vpcsmith's tests use to
// prove its output is right: moto (an AWS emulator, so import and deploy code
// talks to a real EC2/CloudFormation API), cfn-lint (AWS's own schema checks
// for the CloudFormation we export) and Mermaid (its own parser, plus a real
// render with mermaid-cli and chromium, for the diagrams we export).
//
// It is imported only by _test.go files. The tools are installed by
// scripts/test.sh (into .tools/ and tools/mermaid/node_modules), not by Go, so
// every helper first checks that its tool is there: missing tools fail the
// test under CI=true and skip it elsewhere (see Require), so `go test` on a
// bare machine still passes and says what to run.
//
// Besides the standard library it uses only go-udiff (for Golden's diffs),
// which the module already needs through teatest.
//
// Golden is the one golden-file helper of the tests: `go test -update`
// rewrites the files it compares.
package testtools
