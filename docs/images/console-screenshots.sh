#!/usr/bin/env bash
# Regenerates the console pictures of docs/console.md from a real run: ConsoleOverviewBrowserTest
# drives headless Chromium against a real daemon (a killed process healed, an HTTP check flipped
# to 500 and back) and saves screenshots; the overview and the healed incident are copied here.
# Needs chromium and chromedriver in /usr/bin.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -B -ntp -q -pl selfheal-server -am test -Dtest=ConsoleOverviewBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
cp selfheal-server/target/screenshots/overview-away-1280x800.png docs/images/console-overview.png
cp selfheal-server/target/screenshots/incident-healed-1280x800.png docs/images/console-incident.png
echo "docs/images/console-overview.png and docs/images/console-incident.png regenerated"
