#!/usr/bin/env bash
# scripts/test.sh: THE test command of vpcsmith (CI runs it through .ci/run).
#
# It installs the external tools the tests check our output with, then runs
# go vet, gofmt and go test:
#   - .tools/venv: Python venv with moto[server] (AWS emulator) and cfn-lint,
#     pinned in scripts/requirements-test.txt;
#   - .tools/checkov-venv: checkov (policy scanner), pinned in
#     scripts/requirements-checkov.txt, apart because of its boto3 pins;
#   - tools/mermaid/node_modules: mermaid + jsdom (parse check) and
#     @mermaid-js/mermaid-cli (render check), pinned in package-lock.json;
#   - Debian's chromium at /usr/bin/chromium for mermaid-cli (puppeteer cannot
#     download its own browser here: PUPPETEER_SKIP_DOWNLOAD=1);
#   - Debian's tmux, the real terminal of the designer's end-to-end test;
#   - .tools/go/bin: staticcheck and deadcode, pinned below (GO_TOOLS), for
#     the checks that run before the tests: go mod tidy -diff, staticcheck
#     (its default checks; an exclusion would go in staticcheck.conf with its
#     reason) and deadcode -test (allow-list in scripts/deadcode-allow.txt,
#     each entry with its reason).
# Each install is skipped when its stamp matches, so a warm run costs ~1 s.
#
# Usage: scripts/test.sh [PACKAGES...] [GO TEST FLAGS...]
#   Arguments that look like package paths (".", "./x/...", "../x",
#   "github.com/vpcsmith/...") replace ./... for go vet, gofmt and go test;
#   every other argument is passed to go test, e.g.
#     scripts/test.sh ./internal/... -run TestMoto -v
#
# With CI=true a failed install is fatal; otherwise it is a warning and the
# tests that need the tool skip (internal/testtools.Require).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOOLS_DIR="$ROOT/.tools"
VENV="$TOOLS_DIR/venv"
REQS="$ROOT/scripts/requirements-test.txt"
MERMAID_DIR="$ROOT/tools/mermaid"
CHROMIUM=/usr/bin/chromium
CI="${CI:-false}"

START_ALL=$SECONDS
section() { printf '\n==== %s ====\n' "$*"; }
note() { printf '  %s\n' "$*"; }
# install_failed MSG: fatal in CI, a warning elsewhere.
install_failed() {
	if [[ "$CI" == "true" ]]; then
		printf 'ERROR: %s\n' "$*" >&2
		exit 1
	fi
	printf 'WARNING: %s (tests needing it will be skipped)\n' "$*" >&2
}
sha() { cat "$@" | sha256sum | cut -c1-64; }

# ---------------------------------------------------------------- arguments
pkgs=()
test_args=()
for a in "$@"; do
	case "$a" in
	. | ./* | ../* | github.com/vpcsmith/*) pkgs+=("$a") ;;
	*) test_args+=("$a") ;;
	esac
done
if ((${#pkgs[@]} == 0)); then
	pkgs=(./...)
fi

mkdir -p "$TOOLS_DIR"

# ---------------------------------------------------------------- python
section "Python tools: moto[server], cfn-lint (.tools/venv)"
t0=$SECONDS
PYTHON="${PYTHON:-python3}"
# install_venv VENV REQUIREMENTS BINARY...: the venv is made anew when a
# binary is missing or the requirements (or python) changed since the stamp.
install_venv() {
	local venv="$1" reqs="$2" stamp="$1/.vpcsmith-requirements.sha256" want bin ok=1
	shift 2
	want="$(sha "$reqs")-$("$PYTHON" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || echo none)"
	for bin in "$@"; do [[ -x "$venv/bin/$bin" ]] || ok=0; done
	if [[ $ok == 1 && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
		note "up to date (requirements unchanged)"
		return
	fi
	note "installing from ${reqs#"$ROOT"/} ..."
	if "$PYTHON" -m venv "$venv" &&
		"$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$reqs"; then
		echo "$want" >"$stamp"
		note "installed in $((SECONDS - t0)) s"
	else
		rm -f "$stamp"
		install_failed "pip install of $reqs into $venv failed"
	fi
}
install_venv "$VENV" "$REQS" moto_server cfn-lint
if [[ -x "$VENV/bin/python" ]]; then
	note "$("$VENV/bin/python" -c 'from importlib.metadata import version as v; print("moto", v("moto"), "- cfn-lint", v("cfn-lint"))' 2>/dev/null || echo 'versions unknown')"
fi

# ---------------------------------------------------------------- checkov
section "checkov (.tools/checkov-venv)"
# A venv of its own: checkov pins boto3/botocore 1.35, which would downgrade
# the ones moto runs on in .tools/venv. The tests run it offline
# (--skip-download, internal/testtools.Checkov).
t0=$SECONDS
CHECKOV_VENV="$TOOLS_DIR/checkov-venv"
CHECKOV_REQS="$ROOT/scripts/requirements-checkov.txt"
install_venv "$CHECKOV_VENV" "$CHECKOV_REQS" checkov

# ---------------------------------------------------------------- node
section "Node tools: mermaid, jsdom, mermaid-cli (tools/mermaid)"
t0=$SECONDS
npm_stamp="$MERMAID_DIR/node_modules/.vpcsmith-lock.sha256"
npm_want="$(sha "$MERMAID_DIR/package.json" "$MERMAID_DIR/package-lock.json")-$(node --version 2>/dev/null || echo none)"
if [[ -f "$npm_stamp" && "$(cat "$npm_stamp")" == "$npm_want" ]]; then
	note "up to date (package-lock.json unchanged)"
elif ! command -v npm >/dev/null 2>&1; then
	install_failed "npm not found: cannot install tools/mermaid"
else
	note "npm ci ..."
	if (cd "$MERMAID_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error); then
		echo "$npm_want" >"$npm_stamp"
		note "installed in $((SECONDS - t0)) s"
	else
		install_failed "npm ci in tools/mermaid failed"
	fi
fi

# ---------------------------------------------------------------- sarif
section "SARIF 2.1.0 schema and ajv (tools/sarif)"
SARIF_DIR="$ROOT/tools/sarif"
sarif_stamp="$SARIF_DIR/node_modules/.vpcsmith-lock.sha256"
sarif_want="$(sha "$SARIF_DIR/package.json" "$SARIF_DIR/package-lock.json")-$(node --version 2>/dev/null || echo none)"
if [[ -f "$sarif_stamp" && "$(cat "$sarif_stamp")" == "$sarif_want" ]]; then
	note "up to date (package-lock.json unchanged)"
elif ! command -v npm >/dev/null 2>&1; then
	install_failed "npm not found: cannot install tools/sarif"
elif (cd "$SARIF_DIR" && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts); then
	echo "$sarif_want" >"$sarif_stamp"
else
	install_failed "npm ci in tools/sarif failed"
fi

# ---------------------------------------------------------------- Debian packages
# debian_install PKG installs a Debian package with apt-get (through sudo -n
# when not root), refreshing the package lists only when apt does not know
# PKG yet or the install fails (stale lists).
debian_install() {
	local pkg=$1 t0=$SECONDS
	local SUDO=()
	if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); fi
	apt_install() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg"; }
	apt_update() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq; }
	if ! command -v apt-get >/dev/null 2>&1; then
		install_failed "$pkg missing and apt-get not available"
		return
	fi
	note "installing Debian's $pkg with apt-get ..."
	if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		apt_update || true
	fi
	if apt_install || { apt_update && apt_install; }; then
		note "installed in $((SECONDS - t0)) s"
	else
		install_failed "apt-get install $pkg failed"
	fi
}

section "Chromium for mermaid-cli ($CHROMIUM)"
if [[ -x "$CHROMIUM" ]]; then
	note "present"
else
	debian_install chromium
fi

# tmux: the designer's end-to-end test (ui/e2e_tmux_test.go) drives the
# binary in a real terminal.
section "tmux for the designer's end-to-end test"
if command -v tmux >/dev/null 2>&1; then
	note "present ($(tmux -V))"
else
	debian_install tmux
fi

# ---------------------------------------------------------------- go tools
# Exact versions: a new staticcheck release adds checks, so upgrading is a
# commit of its own. staticcheck 2026.2.x (v0.8.x) supports Go 1.26 and 1.27
# (2026.1 was the first with Go 1.26).
GO_TOOLS=(
	honnef.co/go/tools/cmd/staticcheck@v0.8.2
	golang.org/x/tools/cmd/deadcode@v0.52.0
)
GO_BIN="$TOOLS_DIR/go/bin"
section "Go tools: staticcheck, deadcode ($GO_BIN)"
t0=$SECONDS
go_stamp="$GO_BIN/.vpcsmith-go-tools"
go_want="${GO_TOOLS[*]} $(go env GOVERSION)"
go_tools_ok=false
if [[ -x "$GO_BIN/staticcheck" && -x "$GO_BIN/deadcode" && -f "$go_stamp" && "$(cat "$go_stamp")" == "$go_want" ]]; then
	note "up to date (${GO_TOOLS[*]})"
	go_tools_ok=true
else
	note "go install ${GO_TOOLS[*]} ..."
	mkdir -p "$GO_BIN"
	rm -f "$go_stamp"
	ok=true
	for t in "${GO_TOOLS[@]}"; do
		GOBIN="$GO_BIN" GOFLAGS= go install "$t" || { ok=false; break; }
	done
	if $ok; then
		echo "$go_want" >"$go_stamp"
		note "installed in $((SECONDS - t0)) s"
		go_tools_ok=true
	else
		install_failed "go install of the Go tools into $GO_BIN failed"
	fi
fi

# ---------------------------------------------------------------- env
export PATH="$VENV/bin:$PATH"
export VPCSMITH_TOOLS_DIR="$TOOLS_DIR"
export VPCSMITH_MERMAID_DIR="$MERMAID_DIR"
export CI

# ---------------------------------------------------------------- go
section "go vet ${pkgs[*]}"
go vet "${pkgs[@]}"
note "ok"

section "gofmt -l"
# Only the directories of our Go packages (not .tools/ or node_modules/).
mapfile -t dirs < <(go list -e -f '{{.Dir}}' "${pkgs[@]}")
files=()
for d in "${dirs[@]}"; do
	for f in "$d"/*.go; do
		[[ -e "$f" ]] && files+=("$f")
	done
done
if ((${#files[@]} > 0)); then
	unformatted="$(gofmt -l "${files[@]}")"
	if [[ -n "$unformatted" ]]; then
		echo "These files are not gofmt'ed (run gofmt -w on them):" >&2
		echo "$unformatted" | sed "s|^$ROOT/|  |" >&2
		exit 1
	fi
fi
note "ok (${#files[@]} files)"

section "go mod tidy -diff"
# go.mod and go.sum must be what go mod tidy writes (direct dependencies
# not marked // indirect, no missing or unused sums).
if ! go mod tidy -diff; then
	echo "go.mod/go.sum are not tidy: run go mod tidy and commit the result" >&2
	exit 1
fi
note "ok"

if $go_tools_ok; then
	section "staticcheck ${pkgs[*]}"
	# The default checks, none excluded: what it reports is fixed.
	"$GO_BIN/staticcheck" "${pkgs[@]}"
	note "ok"

	section "deadcode -test ./..."
	# Only over the whole module: with fewer packages, functions used by the
	# others would look dead. -test counts the tests' uses (helpers, fuzz and
	# benchmark setup). Positions are dropped so that the allow-list names
	# functions, not lines.
	if [[ "${pkgs[*]}" != "./..." ]]; then
		note "skipped (runs only without package arguments)"
	else
		allow="$ROOT/scripts/deadcode-allow.txt"
		if grep -Evq '^[[:space:]]*(#|$)|^[^[:space:]]+[[:space:]]+[^[:space:]]+[[:space:]]+#[[:space:]]*[^[:space:]]' "$allow"; then
			echo "$allow: every entry is 'file func # reason':" >&2
			grep -Ev '^[[:space:]]*(#|$)|^[^[:space:]]+[[:space:]]+[^[:space:]]+[[:space:]]+#[[:space:]]*[^[:space:]]' "$allow" >&2
			exit 1
		fi
		dead="$("$GO_BIN/deadcode" -test ./...)"
		mapfile -t allowed < <(grep -Ev '^[[:space:]]*(#|$)' "$allow" | awk '{print $1 ": unreachable func: " $2}')
		reported=()
		while IFS= read -r line; do
			[[ -z "$line" ]] && continue
			key="$(sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /' <<<"$line")"
			if ! printf '%s\n' "${allowed[@]}" | grep -qxF -- "$key"; then
				reported+=("$line")
			fi
		done <<<"$dead"
		if ((${#reported[@]} > 0)); then
			echo "Unreachable functions (delete them, or list them in scripts/deadcode-allow.txt with a reason):" >&2
			printf '  %s\n' "${reported[@]}" >&2
			exit 1
		fi
		note "ok"
	fi
else
	section "staticcheck, deadcode"
	note "skipped: the Go tools are not installed"
fi

# The importer and designer (ui) packages run twice, in shuffled order
# (-count=2 -shuffle=on; the seed is printed to replay it): a test that
# leans on state another test or an earlier run left (a shared moto server,
# a package variable) fails here even where the plain order hides it
# (issue 19). Flags given to this script come last and win (-count=3).
mapfile -t listed < <(go list "${pkgs[@]}")
once=() twice=()
for p in "${listed[@]}"; do
	case "$p" in
	github.com/vpcsmith/vpcsmith/importer | github.com/vpcsmith/vpcsmith/importer/* | \
		github.com/vpcsmith/vpcsmith/ui | github.com/vpcsmith/vpcsmith/ui/*) twice+=("$p") ;;
	*) once+=("$p") ;;
	esac
done
tests_failed=0
if ((${#once[@]} > 0)); then
	section "go test ${pkgs[*]} -count=1${test_args[*]:+ ${test_args[*]}} (but importer, ui)"
	# Fuzz targets run their seed corpora (testdata/fuzz) as ordinary tests here.
	go test "${once[@]}" -count=1 "${test_args[@]}" || tests_failed=1
fi
if ((${#twice[@]} > 0)); then
	section "go test importer, ui -count=2 -shuffle=on${test_args[*]:+ ${test_args[*]}}"
	# Two runs in one binary: 20 minutes rather than the default 10 for a busy machine.
	go test "${twice[@]}" -count=2 -shuffle=on -timeout=20m "${test_args[@]}" || tests_failed=1
fi
if ((tests_failed)); then
	echo "go test failed (see above)" >&2
	exit 1
fi

section "done in $((SECONDS - START_ALL)) s"
