package deploy

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// maxInvalidationPaths is the most paths Invalidate names one by one;
// past it, it invalidates "/*", which CloudFront counts as one path
// (it invalidates 1,000 paths a month free, then charges for each).
const maxInvalidationPaths = 500

// PurgePaths returns the site paths a CDN must purge when the objects
// at keys change: each key's path, and for a folder's index.html the
// folder's path too, which is the one readers ask for.
func PurgePaths(keys []string) []string {
	var paths []string
	for _, k := range keys {
		p := "/" + k
		if k == "index.html" || strings.HasSuffix(k, "/index.html") {
			paths = append(paths, strings.TrimSuffix(p, "index.html"))
		}
		paths = append(paths, p)
	}
	return paths
}

// Invalidate asks the CloudFront distribution to drop its copies of
// paths (of PurgePaths), or of everything when they are many, and
// returns the invalidation's ID. Credentials and the endpoint come from
// the AWS SDK's usual configuration (AWS_ACCESS_KEY_ID, AWS_PROFILE,
// AWS_ENDPOINT_URL_CLOUDFRONT, …).
func Invalidate(ctx context.Context, distribution string, paths []string) (string, error) {
	if len(paths) == 0 {
		return "", nil
	}
	items := []string{"/*"}
	if len(paths) <= maxInvalidationPaths {
		items = items[:0]
		for _, p := range paths {
			// CloudFront wants unsafe characters escaped as in the URL
			// (and takes a * as a wildcard, so Galley's paths, made of
			// slugs, have none).
			items = append(items, (&url.URL{Path: p}).EscapedPath())
		}
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("us-east-1")) // CloudFront is global
	if err != nil {
		return "", fmt.Errorf("cloudfront: %w", err)
	}
	out, err := cloudfront.NewFromConfig(cfg).CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(distribution),
		InvalidationBatch: &types.InvalidationBatch{
			CallerReference: aws.String("galley-" + strconv.FormatInt(time.Now().UnixNano(), 10)),
			Paths:           &types.Paths{Quantity: aws.Int32(int32(len(items))), Items: items},
		},
	})
	if err != nil {
		return "", fmt.Errorf("cloudfront: invalidate %d paths of %s: %w; the bucket is deployed, but a deploy with nothing changed invalidates nothing: purge the paths by hand (--purge-list writes them)", len(items), distribution, err)
	}
	if out.Invalidation == nil || out.Invalidation.Id == nil {
		return "", nil
	}
	return *out.Invalidation.Id, nil
}
