package importer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aws/smithy-go"
)

// ErrNoRegion: neither the caller nor the AWS configuration names a region.
var ErrNoRegion = errors.New("no AWS region: pass --region or set AWS_REGION (or a region in the profile)")

// NotFoundError: some of the requested VPCs do not exist in the region, or
// (with no IDs) the region has no VPC at all.
type NotFoundError struct {
	Region string
	IDs    []string
}

func (e *NotFoundError) Error() string {
	if len(e.IDs) == 0 {
		return fmt.Sprintf("no VPCs in %s", e.Region)
	}
	return fmt.Sprintf("no VPC %s in %s", strings.Join(e.IDs, ", "), e.Region)
}

// CallError is a Describe call that failed for a reason other than a denial
// (network, credentials, throttling beyond the retries). Its message names
// the action and AWS's error code and message only: the SDK's own error
// text carries request details that do not belong in a terminal or a log.
type CallError struct {
	Action  string
	Code    string
	Message string
	Err     error
}

func (e *CallError) Error() string {
	switch {
	case e.Code != "":
		return fmt.Sprintf("%s: %s: %s", e.Action, e.Code, e.Message)
	case e.Message != "":
		return fmt.Sprintf("%s: %s", e.Action, e.Message)
	}
	return e.Action + " failed"
}

func (e *CallError) Unwrap() error { return e.Err }

// deniedCodes are the error codes with which AWS refuses a call the
// caller's policy does not allow.
var deniedCodes = map[string]bool{
	"UnauthorizedOperation":        true,
	"Client.UnauthorizedOperation": true,
	"AccessDenied":                 true,
	"AccessDeniedException":        true,
}

// isDenied reports whether err is AWS refusing the call for lack of
// permission (not for bad credentials, which fail the whole import).
func isDenied(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && deniedCodes[ae.ErrorCode()]
}

// isUnreadable reports whether err is an answer the SDK could not decode:
// aws-sdk-go-v2 returns a *smithy.DeserializationError (wrapped in the
// operation and response errors) when EC2's XML is malformed, as it is when
// a tag value holds a raw control character such as ESC, which XML 1.0
// cannot carry. Asking again gives the same page: only a narrower listing
// that leaves the poisoned resource out can succeed.
func isUnreadable(err error) bool {
	var de *smithy.DeserializationError
	return errors.As(err, &de)
}

// callError wraps err from action as a CallError with a safe message.
func callError(action string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	ce := &CallError{Action: action, Err: err}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		// Not the SDK's text: it carries the request ID, and the snapshot
		// of the body must never be printed.
		ce.Message = "AWS's answer is not valid XML"
		if de.Err != nil {
			ce.Message += " (" + truncate(cleanText(strings.TrimPrefix(de.Err.Error(), "failed to decode response body, ")), 200) + ")"
		}
		return ce
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		ce.Code = cleanText(ae.ErrorCode())
		ce.Message = safeAWSMessage(ae.ErrorMessage())
		return ce
	}
	ce.Message = safeTransportMessage(err)
	return ce
}

// safeAWSMessage keeps the readable part of an AWS error message: the
// "Encoded authorization failure message" that denials carry is an opaque
// blob describing the policy evaluation, and is cut.
func safeAWSMessage(msg string) string {
	if i := strings.Index(msg, "Encoded authorization failure message"); i >= 0 {
		msg = strings.TrimRight(msg[:i], " .") + "."
	}
	return truncate(cleanText(msg), 300)
}

// safeTransportMessage describes a failure below the API (no connection,
// no credentials). The SDK's text names the operation (which CallError
// already does) and the endpoint; user information in a URL, which a
// custom endpoint could carry, is cut.
func safeTransportMessage(err error) string {
	msg := cleanText(err.Error())
	if _, rest, ok := strings.Cut(msg, "operation error "); ok {
		if _, tail, ok := strings.Cut(rest, ", "); ok {
			msg = tail
		}
	}
	msg = urlUserinfo.ReplaceAllString(msg, "://")
	if strings.Contains(msg, "get credentials") || strings.Contains(msg, "get identity") {
		msg = "no usable AWS credentials (" + msg + ")"
	}
	return truncate(msg, 400)
}

// truncate cuts s to at most n bytes at a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

var urlUserinfo = regexp.MustCompile(`://[^/@\s]*@`)
