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


def subject(node):
    # A dotted name ("self.hook", "foo"): what a guard can narrow.
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = subject(node.value)
        return owner + "." + node.attr if owner else None
    return None


def is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


# Builtins whose call says nothing of its argument's type (isinstance, issubclass, callable and
# hasattr do, and so may any other function: a TypeGuard or TypeIs one such as attrs.has).
NOT_GUARDS = {"len", "bool", "str", "repr", "int", "float", "print", "any", "all", "sorted", "list", "tuple",
              "set", "dict", "id", "hash", "abs", "min", "max", "sum", "iter", "next", "getattr", "type", "vars"}


def facts(test, positive):
    # What holds of dotted names where `test` is true (positive) or false: (name, kind) pairs, kind
    # "value" (not None: `x is not None`, `x`) or "type" (isinstance, issubclass, callable, a call
    # such as a TypeGuard or TypeIs function with the name as its first argument; hasattr(x, "a")
    # says it of "x.a").
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return facts(test.operand, not positive)
    if isinstance(test, ast.BoolOp):
        each = [facts(value, positive) for value in test.values]
        if isinstance(test.op, ast.And) == positive:
            return [fact for found in each for fact in found]
        return [fact for fact in each[0] if all(fact in found for found in each[1:])]  # what every branch says
    if isinstance(test, ast.NamedExpr):
        return [(test.target.id, "value")] if positive else []
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        name = subject(left) if is_none(right) else subject(right) if is_none(left) else None
        if name and isinstance(op, (ast.IsNot, ast.NotEq, ast.Is, ast.Eq)) and \
                isinstance(op, (ast.IsNot, ast.NotEq)) == positive:
            return [(name, "value")]
        if positive and isinstance(op, (ast.Is, ast.Eq)) and isinstance(left, ast.Call) and \
                subject(left.func) == "type" and len(left.args) == 1 and subject(left.args[0]):
            return [(subject(left.args[0]), "type")]  # type(x) is Foo
        return []
    if not positive:
        return []
    name = subject(test)
    if name:
        return [(name, "value")]
    if isinstance(test, ast.Call) and test.args and subject(test.args[0]):
        func, first = subject(test.func), subject(test.args[0])
        if func == "hasattr":
            attribute = literal(test.args[1]) if len(test.args) == 2 else None
            return [(first + "." + attribute, "type")] if attribute else []
        if func not in NOT_GUARDS:
            return [(first, "type")]
    return []


def exits(body):
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def narrowings(tree):
    # Where a guard narrows a dotted name: [name, kind, guard_line, line, col, end_line, end_col], the
    # guard's test on guard_line, the region with columns as ast counts them (UTF-8 bytes from 0,
    # the end exclusive): an if's or while's body by its test (its else by the test's negation), a
    # conditional expression's branches, the operands of and/or after the first, a comprehension's
    # element, and the statements after an assert or after an if without else whose body ends in
    # return, raise, continue or break.
    out = []

    def add(found, nodes, guard):
        if found and nodes:
            region = [guard.lineno, nodes[0].lineno, nodes[0].col_offset, nodes[-1].end_lineno, nodes[-1].end_col_offset]
            out.extend([text(name), kind] + region for name, kind in found)

    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While)):
            add(facts(node.test, True), node.body, node.test)
            add(facts(node.test, False), node.orelse, node.test)
        elif isinstance(node, ast.IfExp):
            add(facts(node.test, True), [node.body], node.test)
            add(facts(node.test, False), [node.orelse], node.test)
        elif isinstance(node, ast.BoolOp):
            positive = isinstance(node.op, ast.And)
            for at in range(1, len(node.values)):
                for earlier in node.values[:at]:
                    add(facts(earlier, positive), [node.values[at]], earlier)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for generator in node.generators:
                for condition in generator.ifs:
                    for element in elements:
                        add(facts(condition, True), [element], condition)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for at, statement in enumerate(block):
                if isinstance(statement, ast.Assert):
                    add(facts(statement.test, True), block[at + 1:], statement)
                elif isinstance(statement, ast.If) and exits(statement.body) and not statement.orelse:
                    add(facts(statement.test, False), block[at + 1:], statement)
    return out


URL_OPENS = ("urlopen", "urlretrieve", "Request")


def http_literal(node):
    # A string literal, an f-string or a `+` concatenation whose text starts with http:// or
    # https:// (after whitespace), as Ruff's S310 reads a URL.
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    if isinstance(node, ast.JoinedStr):
        node = node.values[0] if node.values else None
    value = literal(node)
    return value is not None and value.lstrip().startswith(("http://", "https://"))


# Calls whose result can rebind a module's names behind the parser's back.
REBINDERS = {"globals", "locals", "vars", "exec", "eval", "setattr", "__import__"}


def fixed_scheme_urls(tree):
    # The lines where every call of urlopen, urlretrieve or Request has a URL whose scheme is fixed
    # to http(s): a literal, a name the file binds once, by an assignment of such a literal (Ruff's
    # S310 reads a binding so; here one binding in the whole file, whatever the scope, and none in
    # a file that rebinds names by globals(), setattr or exec), or, for urlopen and urlretrieve, a
    # Request of such a URL. Bandit's B310 there asks about a scheme that cannot vary.
    bindings, values, rebinds = {}, {}, False
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names = [node.id]
        elif isinstance(node, ast.arg):
            names = [node.arg]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [(alias.asname or alias.name).split(".")[0] for alias in node.names]
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names = list(node.names)
        elif isinstance(node, ast.Call) and call_name(node.func) in REBINDERS:
            rebinds = True
        else:  # def, class, except ... as, match captures
            names = [name for name in (getattr(node, "name", None), getattr(node, "rest", None))
                     if isinstance(name, str)]
        for name in names:
            bindings[name] = bindings.get(name, 0) + 1
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            values[node.target.id] = node.value

    def url_of(call):
        if any(isinstance(arg, ast.Starred) for arg in call.args) or any(item.arg is None for item in call.keywords):
            return None
        return argument(call, 0, "url")

    def fixed(url, request_allowed):
        if isinstance(url, ast.Name) and not rebinds and bindings.get(url.id) == 1 and url.id in values:
            url = values[url.id]
        if http_literal(url):
            return True
        return request_allowed and isinstance(url, ast.Call) and call_name(url.func) == "Request" and \
            fixed(url_of(url), False)

    lines = {}
    for node in ast.walk(tree):
        name = isinstance(node, ast.Call) and call_name(node.func)
        if name in URL_OPENS:
            url = url_of(node)
            lines[node.lineno] = lines.get(node.lineno, True) and url is not None and fixed(url, name != "Request")
    return sorted(line for line, ok in lines.items() if ok)


# Statements whose bodies are alternatives: a name bound in one of them may be bound otherwise.
CONDITIONAL = (ast.If, ast.Try) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ()) + \
    ((ast.Match,) if hasattr(ast, "Match") else ())


def module_definitions(tree):
    # The module-level names bound more than once with a binding under an if, try or match (a
    # version check, an import fallback): Pylint judges a call against one of the definitions.
    # And the module-level `from M import name as alias`: [alias, M with its dots, name].
    counts, conditional, imported = {}, set(), []

    def bound(stmt):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return [stmt.name]
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            return [(alias.asname or alias.name).split(".")[0] for alias in stmt.names if alias.name != "*"]
        targets = stmt.targets if isinstance(stmt, ast.Assign) else \
            [stmt.target] if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else []
        return [node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)]

    def visit(body, nested):
        for stmt in body:
            for name in bound(stmt):
                counts[name] = counts.get(name, 0) + 1
                if nested:
                    conditional.add(name)
            if isinstance(stmt, ast.ImportFrom):
                module = "." * stmt.level + (stmt.module or "")
                imported.extend([alias.asname or alias.name, text(module), alias.name]
                                for alias in stmt.names if alias.name != "*")
            inner = nested or isinstance(stmt, CONDITIONAL)
            for field in ("body", "orelse", "finalbody"):
                if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    visit(getattr(stmt, field, None) or [], inner)
            for handler in getattr(stmt, "handlers", None) or []:
                visit(handler.body, True)
            for case in getattr(stmt, "cases", None) or []:
                visit(case.body, True)

    visit(tree.body, False)
    return sorted(text(name) for name, count in counts.items() if count > 1 and name in conditional), imported


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
    try:
        narrowed = narrowings(tree)
    except RecursionError:
        narrowed = []  # a guard nested beyond the limit narrows nothing: its findings stay as they are
    try:
        fixed_urls = fixed_scheme_urls(tree)
    except RecursionError:
        fixed_urls = []  # Bandit's findings stay as they are
    try:
        alternatives, from_imports = module_definitions(tree)
    except RecursionError:
        alternatives, from_imports = [], []  # Pylint's argument errors stay as they are
    return {"path": path, "ok": True, "units": units, "imports": imports(tree), "dynamic_imports": dynamic,
            "loaded_paths": paths, "narrowings": narrowed, "fixed_scheme_urls": fixed_urls,
            "alternative_definitions": alternatives, "from_imports": from_imports}


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
