// Package templates holds vpcsmith's built-in designs: complete, valid
// design files that `vpcsmith new` starts from. Each is embedded as YAML in
// canonical form, so the bytes a user gets are exactly what the package
// ships and what Marshal would write, carved subnets included.
package templates
