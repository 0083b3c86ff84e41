package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trump confirms CIA covert drone strike on Venezuelan port facility", "trump-confirms-cia-covert-drone-strike-on-venezuelan-port-facility"},
		{"Élection à Paris", "election-a-paris"},
		{"Bogotá", "bogota"},
		{"C++ & .NET", "c-plus-plus-and-net"},
		{"Venezuela’s coastline", "venezuelas-coastline"},
		{"  --Hello,   World!--  ", "hello-world"},
		{"Straße in Łódź", "strasse-in-lodz"},
		{"Москва", "moskva"},
		{"Тверь", "tver"},
		{"a ь", "a"},
		{"Αθήνα", "athina"},
		{"2026: the year", "2026-the-year"},
		{"../../etc/passwd", "etc-passwd"},
		{"%2e%2e", "2e-2e"},
		{"日本", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMakeCutsAtHyphen(t *testing.T) {
	long := strings.Repeat("word ", 40)
	got := Make(long)
	if len(got) > MaxLen || strings.HasSuffix(got, "-") || !strings.HasSuffix(got, "word") {
		t.Errorf("Make(long) = %q (%d bytes)", got, len(got))
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"election-a-paris", true},
		{"a", true},
		{"2026", true},
		{"", false},
		{"-a", false},
		{"a-", false},
		{"a--b", false},
		{"A-b", false},
		{"../x", false},
		{"/etc", false},
		{"%2e%2e", false},
		{"a.b", false},
		{"a b", false},
		{"é", false},
		{strings.Repeat("a", MaxLen+1), false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Élection à Paris", "C++ & .NET", "../x", "Москва", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if got != "" && !Valid(got) {
			t.Fatalf("Make(%q) = %q, which is not Valid", s, got)
		}
		if Make(got) != got {
			t.Fatalf("Make is not idempotent on %q", got)
		}
	})
}
