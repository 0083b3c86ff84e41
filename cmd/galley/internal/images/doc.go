// Package images is the images stage of the build pipeline (load → model →
// images → render → search index → write): it learns what each local
// picture is and makes what the pages need of it, without reaching back up
// into the build.
//
// Reading a photo's metadata comes first (meta.go): ReadMeta takes the
// caption, headline, creator, credit line, source, copyright notice, web
// statement of rights and licensor URL that a newsroom photo already
// carries in IPTC IIM, XMP and EXIF, reconciled as the Metadata Working
// Group prescribes, together with the stored pixel size and the EXIF
// orientation, all without decoding a pixel. Making the derivatives (the
// resized, re-encoded copies that srcset lists) is the next step, in its
// own files of this package.
package images
