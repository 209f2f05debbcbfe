#include "python/index_helper.h"

namespace codegate::python {
namespace {

// Kept to the standard library (ast, json, sys) and to syntax every Python 3.8+ accepts: it runs
// under whatever python3 the CI image has. Output is ASCII JSON (json.dumps escapes the rest).
constexpr std::string_view k_helper = R"PY(
import ast
import json
import sys


def text(value):
    # Lone surrogates cannot travel as JSON the reader accepts.
    return value.encode("utf-8", "replace").decode("utf-8") if value is not None else None


def docstring(node):
    body = getattr(node, "body", None)
    if not body:
        return None, 0, 0
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return ast.get_docstring(node, clean=True), first.lineno, first.end_lineno
    return None, 0, 0


def decorator_text(node):
    try:
        return ast.unparse(node)
    except Exception:  # ast.unparse is 3.9+
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return decorator_text(node.value) + "." + node.attr
        if isinstance(node, ast.Call):
            return decorator_text(node.func) + "(...)"
        return ""


def imports(tree):
    # Every name an import statement may load, anywhere in the file; relative ones keep their
    # dots. "from a import b" may import the module a.b, so both names are listed.
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * (node.level or 0) + (node.module or "")
            names.add(base)
            separator = "." if node.module else ""
            names.update(base + separator + alias.name for alias in node.names if alias.name != "*")
    return sorted(text(name) for name in names if name)


def literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def argument(call, position, keyword):
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    if any(isinstance(arg, ast.Starred) for arg in call.args[:position + 1]):
        return None
    return call.args[position] if position < len(call.args) else None


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def builtin(func):
    # exec(...) or builtins.exec(...), not re.compile(...).
    return isinstance(func, ast.Name) or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                          and func.value.id in ("builtins", "__builtins__"))


def relative_to(name, package):
    # importlib.import_module(".x", "pkg") is pkg.x; without a literal package the dots stay.
    level = len(name) - len(name.lstrip("."))
    if not level or package is None:
        return name
    parts = package.split(".")
    parts = parts[:len(parts) - (level - 1)] if level > 1 else parts
    rest = name[level:]
    return ".".join([part for part in parts if part] + ([rest] if rest else []))


def strings(node):
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [value for value in (literal(item) for item in node.elts) if value]
    return []


def dynamic_loads(tree, is_init):
    # What the code loads by a literal name outside import statements: importlib.import_module,
    # __import__, runpy.run_module (module names), and runpy.run_path, spec_from_file_location,
    # the file loaders, imp.load_source and, in code that calls exec or compile, every file it
    # opens (file paths). A package's
    # __all__ names submodules that `from package import *` loads.
    modules, paths = set(), set()
    opened, executes = set(), False
    aliases = {}  # from importlib import import_module as load
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            aliases.update((alias.asname, alias.name) for alias in node.names if alias.asname)
    for node in ast.walk(tree):
        if is_init and isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
                modules.update("." + name for name in strings(node.value))
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node.func)
        name = aliases.get(name, name)
        if name == "import_module":
            module = literal(argument(node, 0, "name"))
            if module:
                modules.add(relative_to(module, literal(argument(node, 1, "package"))))
        elif name == "__import__":
            module = literal(argument(node, 0, "name")) or ""
            level = argument(node, 4, "level")
            dots = "." * level.value if isinstance(level, ast.Constant) and isinstance(level.value, int) else ""
            if module or dots:
                modules.add(dots + module)
                separator = "." if module else ""
                modules.update(dots + module + separator + item for item in strings(argument(node, 3, "fromlist")))
        elif name in ("run_module", "_run_module_as_main"):
            module = literal(argument(node, 0, "mod_name"))
            if module:
                modules.update([module, module + ".__main__"])
        elif name == "run_path":
            path = literal(argument(node, 0, "path_name"))
            if path:
                paths.add(path)
        elif name in ("spec_from_file_location", "SourceFileLoader", "SourcelessFileLoader", "ExtensionFileLoader",
                      "load_source", "load_compiled", "load_dynamic"):
            path = literal(argument(node, 1, "location" if name == "spec_from_file_location" else "path"))
            if path:
                paths.add(path)
        elif name in ("exec", "execfile", "compile", "eval") and builtin(node.func):
            executes = True
            if name == "execfile" and node.args and literal(node.args[0]):
                paths.add(literal(node.args[0]))
        elif name in ("open", "Path", "PurePath", "FileIO", "open_code") and node.args and literal(node.args[0]):
            opened.add(literal(node.args[0]))
    if executes:
        # Code that executes text may execute any file it opens by a literal name.
        paths.update(opened)
    return sorted(text(name) for name in modules if name), sorted(text(path) for path in paths)


def index(path, source):
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        return {"path": path, "ok": False, "line": error.lineno or 0,
                "error": text("%s: %s" % (type(error).__name__, error.msg))}
    except (ValueError, MemoryError, RecursionError) as error:
        return {"path": path, "ok": False, "line": 0, "error": text("%s: %s" % (type(error).__name__, error))}

    lines = source.count(b"\n") + (1 if source and not source.endswith(b"\n") else 0)
    doc, doc_line, doc_end = docstring(tree)
    units = [{
        "kind": "module", "async": False, "name": "", "qualname": "", "line": 1, "start_line": 1,
        "end_line": max(lines, 1), "body_line": tree.body[0].lineno if tree.body else 1,
        "docstring": text(doc), "doc_line": doc_line, "doc_end_line": doc_end, "decorators": [],
        "parent": -1, "in_function": False, "public": True,
    }]

    def visit(node, parent, prefix, scope, public, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                is_class = isinstance(child, ast.ClassDef)
                kind = "class" if is_class else ("method" if scope == "class" else "function")
                start = min([d.lineno for d in child.decorator_list] + [child.lineno])
                doc, doc_line, doc_end = docstring(child)
                qualname = prefix + child.name
                is_public = public and not in_function and not child.name.startswith("_")
                units.append({
                    "kind": kind, "async": isinstance(child, ast.AsyncFunctionDef), "name": child.name,
                    "qualname": qualname, "line": child.lineno, "start_line": start,
                    "end_line": child.end_lineno, "body_line": child.body[0].lineno,
                    "docstring": text(doc), "doc_line": doc_line, "doc_end_line": doc_end,
                    "decorators": [text(decorator_text(d)) for d in child.decorator_list],
                    "parent": parent, "in_function": in_function, "public": is_public,
                })
                visit(child, len(units) - 1, qualname + ".", "class" if is_class else "function",
                      is_public, in_function or not is_class)
            elif isinstance(child, (ast.stmt, ast.excepthandler)) or type(child).__name__ == "match_case":
                # Definitions only live in statement bodies; expressions are never entered.
                visit(child, parent, prefix, scope, public, in_function)

    try:
        visit(tree, 0, "", "module", True, False)
    except RecursionError as error:
        return {"path": path, "ok": False, "line": 0, "error": "RecursionError: %s" % error}
    is_init = path == "__init__.py" or path.endswith("/__init__.py")
    dynamic, paths = dynamic_loads(tree, is_init)
    return {"path": path, "ok": True, "units": units, "imports": imports(tree), "dynamic_imports": dynamic,
            "loaded_paths": paths}


def main():
    sys.setrecursionlimit(10000)
    data = sys.stdin.buffer.read()
    files = []
    pos = 0
    while pos < len(data):
        newline = data.index(b"\n", pos)
        path_size, source_size = (int(field) for field in data[pos:newline].split())
        pos = newline + 1
        path = data[pos:pos + path_size].decode("utf-8", "replace")
        pos += path_size
        files.append(index(path, data[pos:pos + source_size]))
        pos += source_size
    sys.stdout.write(json.dumps({"files": files}))


main()
)PY";

} // namespace

std::string_view index_helper_source() { return k_helper; }

} // namespace codegate::python
