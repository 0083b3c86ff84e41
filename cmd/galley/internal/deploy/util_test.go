package deploy

import (
	stdmaps "maps"
	"time"
)

func maps(m map[string]string) map[string]string { return stdmaps.Clone(m) }

func equalMaps(a, b map[string]time.Time) bool {
	return stdmaps.EqualFunc(a, b, func(x, y time.Time) bool { return x.Equal(y) })
}
