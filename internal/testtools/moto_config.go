package testtools

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// MotoConfig is the SDK configuration of a test against the moto server at
// endpoint: us-east-1, moto's default account (static test credentials,
// which moto accepts and maps to 123456789012), no retries beyond the
// SDK's own. Tests that need another account (moto keys the account by
// the access key) write their own credentials.
func MotoConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(endpoint),
	}
}
