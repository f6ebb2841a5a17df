#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust: Chromium (browser and screenshot tests, and
# print-to-PDF for the PDF tests), a PostgreSQL server (storage tests run against SQLite and
# PostgreSQL), LibreOffice (office files jixiao did not write, and checking the ones it
# writes), CJK fonts and pdftoppm.
# Idempotent: installs only what is missing. Debian/Ubuntu (apt-get).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# fc-list finds the font files for the PDF tests' fontconfig configurations.
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# Chinese text in screenshots and rendered PDFs needs a CJK font. The PDF tests
# (crates/office/tests/pdf_producers.rs) print the seeds under two font sets, each picked by a
# private fontconfig configuration: Noto CJK alone, and Noto CJK with WenQuanYi Zen Hei
# preferred; both fonts must be installed for that.
fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "wenquanyi zen hei" || need+=(fonts-wqy-zenhei)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# Browser tests drive Chromium with playwright-core from npm.
command -v node >/dev/null 2>&1 || need+=(nodejs npm)

if [ ${#need[@]} -gt 0 ]; then
    echo "安装测试依赖：${need[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
