package search

import (
	"math/rand/v2"
	"strings"
)

// mixedDocs returns n generated stories whose words are spelled in
// many scripts and forms: accents precomposed and combining, ß and æ,
// curly and straight apostrophes, capitals, Cyrillic, fullwidth digits
// and ligatures, so that the fast tokenizer's hand-offs to Unicode
// normalization run on every kind of text.
func mixedDocs(n int, seed uint64) []Doc {
	docs := generate(n, 300, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	forms := []func(string) string{
		strings.ToUpper,
		func(w string) string { return strings.ToUpper(w[:1]) + w[1:] },
		func(w string) string { return w + "é" },
		func(w string) string { return w + "e\u0301s" },
		func(w string) string { return "Ø" + w },
		func(w string) string { return w + "ß" },
		func(w string) string { return "O’" + w },
		func(w string) string { return w + "'s" },
		func(w string) string { return w + "’" },
		func(w string) string { return "ﬁ" + w },
		func(w string) string { return w + "２０２６" },
		func(w string) string { return "москва́" },
		func(w string) string { return "Київ-" + w },
		func(w string) string { return w + "\u0301\u0316\u0301" },
		func(w string) string { return "æ" + w + "œ" },
		func(w string) string { return w + "\xff" },
		func(w string) string { return "“" + w + "”" },
		func(w string) string { return w + "-19" },
	}
	mix := func(s string) string {
		words := strings.Fields(s)
		for i, w := range words {
			if rng.IntN(4) == 0 {
				words[i] = forms[rng.IntN(len(forms))](w)
			}
		}
		return strings.Join(words, " ")
	}
	for i := range docs {
		docs[i].Title = mix(docs[i].Title)
		docs[i].Dek = mix(docs[i].Dek)
		docs[i].Body = mix(docs[i].Body)
		if i%5 == 0 {
			docs[i].Topics = append(docs[i].Topics, "Économie")
		}
	}
	return docs
}
