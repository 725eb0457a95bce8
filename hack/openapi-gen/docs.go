package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"reflect"
	"strings"
)

// typeComments are the doc comment lines of one Go type and of its fields, as gengo
// (kube-openapi's parser) sees them: comment markers stripped, `+marker` lines kept.
type typeComments struct {
	doc    []string            // the type's doc comment
	fields map[string][]string // Go field name -> the field's doc comment
}

// commentIndex parses, on demand, the Go source of every package a type lives in.
// Reflection cannot see comments; these give the `+listType`/`+optional` markers and
// the descriptions of types that have no SwaggerDoc() map.
type commentIndex struct {
	pkgs map[string]map[string]*typeComments
}

func newCommentIndex() *commentIndex {
	return &commentIndex{pkgs: map[string]map[string]*typeComments{}}
}

var emptyComments = &typeComments{fields: map[string][]string{}}

func (c *commentIndex) of(t reflect.Type) *typeComments {
	pkg, ok := c.pkgs[t.PkgPath()]
	if !ok {
		pkg = parsePackage(t.PkgPath())
		c.pkgs[t.PkgPath()] = pkg
	}
	if tc, ok := pkg[t.Name()]; ok {
		return tc
	}
	return emptyComments
}

func packageDir(importPath string) string {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", importPath).Output()
	if err != nil {
		panic(fmt.Sprintf("go list %s: %v", importPath, err))
	}
	return strings.TrimSpace(string(out))
}

func parsePackage(importPath string) map[string]*typeComments {
	fset := token.NewFileSet()
	notTest := func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }
	pkgs, err := parser.ParseDir(fset, packageDir(importPath), notTest, parser.ParseComments)
	if err != nil {
		panic(fmt.Sprintf("parse %s: %v", importPath, err))
	}
	result := map[string]*typeComments{}
	for _, pkg := range pkgs {
		for _, file := range pkg.Files {
			collectFile(file, result)
		}
	}
	return result
}

func collectFile(file *ast.File, result map[string]*typeComments) {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.TYPE {
			continue
		}
		for _, spec := range gen.Specs {
			ts := spec.(*ast.TypeSpec)
			doc := ts.Doc
			if doc == nil && len(gen.Specs) == 1 {
				doc = gen.Doc
			}
			tc := &typeComments{doc: commentLines(doc), fields: map[string][]string{}}
			if st, ok := ts.Type.(*ast.StructType); ok {
				for _, field := range st.Fields.List {
					for _, name := range fieldNames(field) {
						tc.fields[name] = commentLines(field.Doc)
					}
				}
			}
			result[ts.Name.Name] = tc
		}
	}
}

func fieldNames(field *ast.Field) []string {
	if len(field.Names) > 0 {
		names := make([]string, len(field.Names))
		for i, n := range field.Names {
			names[i] = n.Name
		}
		return names
	}
	expr := field.Type
	if star, ok := expr.(*ast.StarExpr); ok {
		expr = star.X
	}
	switch e := expr.(type) {
	case *ast.Ident:
		return []string{e.Name}
	case *ast.SelectorExpr:
		return []string{e.Sel.Name}
	}
	return nil
}

// commentLines is gengo's view of a comment: one string per line, `//` and the one
// space after it removed, trailing blank lines dropped.
func commentLines(group *ast.CommentGroup) []string {
	if group == nil {
		return nil
	}
	var lines []string
	for _, c := range group.List {
		text := c.Text
		switch {
		case strings.HasPrefix(text, "//"):
			text = strings.TrimPrefix(text[2:], " ")
			lines = append(lines, text)
		case strings.HasPrefix(text, "/*"):
			for _, l := range strings.Split(strings.TrimSuffix(text[2:], "*/"), "\n") {
				lines = append(lines, strings.TrimPrefix(l, " "))
			}
		}
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// description renders comment lines as kube-openapi's generateDescription does:
// nothing after a `---` line, no `+marker` or one-line TODO lines, paragraphs kept,
// indented lines (examples) on lines of their own.
func description(lines []string) string {
	var b strings.Builder
	dropLast := func() {
		s := b.String()
		if len(s) > 0 {
			b.Reset()
			b.WriteString(s[:len(s)-1])
		}
	}
	for _, line := range lines {
		if line == "---" {
			break
		}
		line = strings.TrimRight(line, " ")
		leading := strings.TrimLeft(line, " ")
		switch {
		case len(line) == 0:
			dropLast()
			b.WriteString("\n\n")
		case strings.HasPrefix(leading, "TODO"), strings.HasPrefix(leading, "+"):
		default:
			if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				dropLast()
				line = "\n" + line + "\n"
			} else {
				line += " "
			}
			b.WriteString(line)
		}
	}
	return strings.TrimSpace(b.String())
}

// markerValues returns the values of `+name=value` lines (gengo ExtractCommentTags);
// a bare `+name` yields one empty value. nil when the marker is absent.
func markerValues(lines []string, name string) []string {
	var values []string
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "+") {
			continue
		}
		key, value, _ := strings.Cut(line[1:], "=")
		if key == name {
			values = append(values, value)
		}
	}
	return values
}
