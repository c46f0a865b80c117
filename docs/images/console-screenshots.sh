#!/usr/bin/env bash
# Regenerates the console pictures of docs/console.md from real runs: ConsoleOverviewBrowserTest
# drives headless Chromium against a real daemon (a killed process healed, an HTTP check flipped
# to 500 and back), ConsoleLearningBrowserTest against another (a stuck queue unstuck twice by a
# command action, a directory filling towards its quota), ConsolePatternsBrowserTest against a third
# (three weeks of nightly failures in its store, a cascade); each saves screenshots, and the
# overview, the healed incident, the learning, prediction and pattern views are copied here.
# Needs chromium and chromedriver in /usr/bin.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -B -ntp -q -pl selfheal-server -am test -Dtest='ConsoleOverviewBrowserTest,ConsoleLearningBrowserTest,ConsolePatternsBrowserTest' -Dsurefire.failIfNoSpecifiedTests=false
cp selfheal-server/target/screenshots/overview-away-1280x800.png docs/images/console-overview.png
cp selfheal-server/target/screenshots/incident-healed-1280x800.png docs/images/console-incident.png
cp selfheal-server/target/screenshots/learning-1280x800.png docs/images/console-learning.png
cp selfheal-server/target/screenshots/predictions-1280x800.png docs/images/console-predictions.png
cp selfheal-server/target/screenshots/patterns-found-1280x800.png docs/images/console-patterns.png
echo "docs/images/console-{overview,incident,learning,predictions,patterns}.png regenerated"
