import CygniModel
import CygniTerminal
import Foundation

/// The analysis of a rollout as lines: the decision and its reason, the score against pass and
/// marginal, each metric (both sides' sparklines on one scale, the test, the shifts against
/// their tolerances, the outcome), the step baking, the threshold checks, the SLO burn pairs,
/// and the older judgements. Every failure carries a marker glyph as well as its colour, so a
/// monochrome terminal shows it too. Pure: the same rollout and width give the same lines.
struct AnalysisLines {
    let rollout: Rollout
    let theme: Theme
    let width: Int

    var all: [StyledLine] {
        guard let analysis = rollout.analysis else {
            return [
                StyledLine("No analysis for this rollout.", theme[.text]),
                StyledLine(Sanitizer.clean(rollout.analysisNote ?? StatusReport.Entry.noAnalysis), theme[.muted]),
            ] + wrapped("Rollout: \(rollout.phase.rawValue)" + (rollout.reason.map { ": \(Sanitizer.clean($0))" } ?? ""), theme[.muted])
        }
        var lines = decision(analysis)
        if let latest = analysis.latest {
            lines.append(StyledLine(""))
            lines.append(heading("Metrics at step \(stepLabel(latest.step)) · Mann-Whitney, p < \(Format.significant(analysis.significanceLevel)) is significant"))
            for metric in latest.metrics { lines += self.metric(metric, significance: analysis.significanceLevel) }
        }
        if !analysis.baking.isEmpty {
            lines.append(StyledLine(""))
            lines.append(heading("Step \(stepLabel(analysis.step)) baking · datapoints so far, judged when the bake ends"))
            for series in analysis.baking { lines += baking(series, minimum: analysis.minimumSamples) }
        }
        lines.append(StyledLine(""))
        lines += thresholds(analysis.thresholds)
        lines.append(StyledLine(""))
        lines += burn(analysis.burn)
        lines.append(StyledLine(""))
        lines += history(analysis)
        return lines
    }

    // MARK: - The decision

    private func decision(_ analysis: RolloutAnalysis) -> [StyledLine] {
        let phase = StyledLine([
            StyledSpan("Rollout ", theme[.muted]), StyledSpan(rollout.phase.rawValue, PhaseStyle.of(rollout.phase, theme)),
            StyledSpan(" · step \(stepLabel(analysis.step)) · traffic \(rollout.traffic.stable)/\(rollout.traffic.canary)", theme[.muted]),
        ])
        guard let latest = analysis.latest else {
            return [phase, StyledLine("No judgement yet: a step is judged when its bake ends.", theme[.muted])]
                + (rollout.reason.map { wrapped("Reason: \(Sanitizer.clean($0))", theme[.text]) } ?? [])
        }
        var lines = [
            phase,
            StyledLine([
                StyledSpan("\(Self.marker(latest.verdict)) \(latest.verdict.rawValue.uppercased())", VerdictStyle.of(latest.verdict, theme).bold),
                StyledSpan(" at step \(stepLabel(latest.step)), judged \(Format.clock(latest.time))", theme[.text]),
            ]),
            StyledLine([
                StyledSpan("Score ", theme[.muted]),
                StyledSpan(latest.score.map(Self.score) ?? "none", VerdictStyle.of(latest.verdict, theme).bold),
                StyledSpan(" against pass ≥ \(Self.score(analysis.passScore)), marginal ≥ \(Self.score(analysis.marginalScore)) (below: fail)", theme[.muted]),
            ]),
        ]
        lines += wrapped("Reason: \(Sanitizer.clean(latest.reason))", theme[.text])
        // The rollout may have ended for another reason since (a burn, a crash loop, an operator).
        if let reason = rollout.reason, !reason.contains(latest.reason) {
            lines += wrapped("Rollout: \(Sanitizer.clean(reason))", theme[.muted])
        }
        return lines
    }

    // MARK: - Metrics

    private func metric(_ metric: MetricEvidence, significance: Double) -> [StyledLine] {
        let style = classificationStyle(metric.classification)
        var traits = [Sanitizer.clean(metric.group), "worse if \(direction(metric.direction))", "tolerance \(Self.percentOf(metric.tolerance))"]
        if metric.critical { traits.insert("critical", at: 0) }
        let header = StyledLine([
            StyledSpan("\(Self.marker(metric.classification)) ", style),
            StyledSpan(Sanitizer.clean(metric.name), theme[.text].bold),
            StyledSpan("  \(metric.classification.rawValue.uppercased())", style.bold),
            StyledSpan("  " + traits.joined(separator: " · "), theme[.muted]),
        ])
        var lines = [header, sparklines(baseline: metric.baseline, canary: metric.canary)]
        guard let pValue = metric.pValue else {
            let counts = "canary \(metric.canary.count), baseline \(metric.baseline.count) datapoints"
            let why = switch metric.classification {
            case .nodata: "not tested: no data on one side (\(counts))"
            case .insufficient: "not tested: too few datapoints (\(counts))"
            default: "not tested: the sides are identical (\(counts))"
            }
            lines.append(StyledLine("    " + why, metric.classification == .pass ? theme[.muted] : style))
            return lines
        }
        let significant = pValue < significance
        lines.append(StyledLine([
            StyledSpan("    p ", theme[.muted]),
            StyledSpan(Format.significant(pValue), significant ? style : theme[.text]),
            StyledSpan(significant ? " < \(Format.significant(significance))" : " ≥ \(Format.significant(significance))", theme[.muted]),
            StyledSpan(" · shift ", theme[.muted]),
            shiftSpan(metric.shift, tolerance: metric.shiftTolerance, failed: metric.classification.failed),
            StyledSpan(" · mean ", theme[.muted]),
            shiftSpan(metric.meanShift, tolerance: metric.meanTolerance, failed: metric.classification.failed),
            StyledSpan(" · n \(metric.canary.count)/\(metric.baseline.count)", theme[.muted]),
        ]))
        return lines
    }

    private func shiftSpan(_ shift: Double?, tolerance: Double?, failed: Bool) -> StyledSpan {
        guard let shift else { return StyledSpan("?", theme[.muted]) }
        let signed = (shift > 0 ? "+" : "") + Format.significant(shift)
        guard let tolerance else { return StyledSpan(signed, theme[.text]) }
        let beyond = abs(shift) > tolerance
        return StyledSpan("\(signed) \(beyond ? ">" : "≤") ±\(Format.significant(tolerance))", beyond && failed ? theme[.error] : theme[.text])
    }

    /// Both sides on one scale, the scale's bounds said: the columns compare as drawn.
    private func sparklines(baseline: Datapoints, canary: Datapoints) -> StyledLine {
        let values = (baseline.recent + canary.recent).filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else {
            return StyledLine("    no datapoints to draw", theme[.muted])
        }
        let scale = " scale \(Format.significant(low))–\(Format.significant(high))"
        let room = width - 4 - "baseline ".count - " canary ".count - DisplayWidth.of(scale)
        let columns = max(1, min(RolloutAnalysis.recentDatapoints, room / 2))
        return StyledLine([
            StyledSpan("    baseline ", theme[.muted]),
            StyledSpan(Sparkline.row(baseline.recent, width: columns, minimum: low, maximum: high), theme[.stable]),
            StyledSpan(" canary ", theme[.muted]),
            StyledSpan(Sparkline.row(canary.recent, width: columns, minimum: low, maximum: high), theme[.canary]),
            StyledSpan(scale, theme[.muted]),
        ])
    }

    private func baking(_ series: MetricDatapoints, minimum: Int) -> [StyledLine] {
        let enough = series.canary.count >= minimum && series.baseline.count >= minimum
        return [
            StyledLine([
                StyledSpan("  \(Sanitizer.clean(series.name))", theme[.text].bold),
                StyledSpan("  canary \(series.canary.count), baseline \(series.baseline.count) datapoints" + (enough ? "" : " (need \(minimum))"), theme[.muted]),
            ]),
            sparklines(baseline: series.baseline, canary: series.canary),
        ]
    }

    // MARK: - Thresholds, burn, history

    private func thresholds(_ thresholds: ThresholdEvidence?) -> [StyledLine] {
        guard let thresholds else {
            return [heading("Threshold checks"), StyledLine("  none in this plan: the judge decides alone", theme[.muted])]
        }
        let failing = thresholds.failures > 0
        var lines = [
            heading("Threshold checks · every \(Format.duration(thresholds.intervalSeconds)) on the canary"),
            StyledLine([
                StyledSpan(failing ? "✗ " : "✓ ", failing ? theme[.warn] : theme[.ok]),
                StyledSpan("failures so far \(thresholds.failures) of \(thresholds.failureLimit) allowed", failing ? theme[.warn] : theme[.text]),
                StyledSpan(" (at \(thresholds.failureLimit) it rolls back)", theme[.muted]),
            ]),
        ]
        let check = thresholds.lastCheck
        let rate = check?.successRate.map(Format.percent) ?? (check == nil ? "not checked yet" : "no requests")
        let p99 = check.flatMap { $0.worstP99Milliseconds.map(Format.milliseconds) } ?? (check == nil ? "not checked yet" : "none")
        let rateFails = check.map { ($0.successRate ?? 0) < thresholds.minimumSuccessRate } ?? false
        let p99Fails = (check?.worstP99Milliseconds ?? 0) > thresholds.maximumP99Milliseconds
        lines.append(limitLine("success rate ≥ \(Format.percent(thresholds.minimumSuccessRate))", latest: rate, fails: rateFails))
        lines.append(limitLine("p99 ≤ \(Format.milliseconds(thresholds.maximumP99Milliseconds))", latest: p99, fails: p99Fails))
        if let failure = check?.failure { lines += wrapped("  last interval failed: \(Sanitizer.clean(failure))", theme[.warn]) }
        return lines
    }

    private func limitLine(_ limit: String, latest: String, fails: Bool) -> StyledLine {
        StyledLine([
            StyledSpan(fails ? "  ✗ " : "  ✓ ", fails ? theme[.error] : theme[.ok]),
            StyledSpan(DisplayWidth.fit(limit, to: 20), theme[.text]),
            StyledSpan(" last \(latest)", fails ? theme[.error] : theme[.text]),
        ])
    }

    private func burn(_ burns: [BurnEvidence]) -> [StyledLine] {
        var lines = [heading("SLO burn · both windows at the threshold fire; page pairs also per side")]
        if burns.isEmpty { lines.append(StyledLine("  no SLOs in this plan", theme[.muted])) }
        for burn in burns {
            lines.append(StyledLine([
                StyledSpan("  \(Sanitizer.clean(burn.slo)) \(Format.level(burn.objective))", theme[.text].bold),
                StyledSpan(burn.lowTraffic ? "  low traffic: one bad request would fire a page pair" : "", theme[.muted]),
            ]))
            for pair in burn.pairs {
                let firing = pair.firing
                var spans = [
                    StyledSpan(firing ? "  ● " : "  ○ ", firing ? theme[.error] : theme[.muted]),
                    StyledSpan(DisplayWidth.fit(pair.rate.windows, to: 7), theme[.text]),
                    StyledSpan("\(Format.burn(pair.rate.short)) / \(Format.burn(pair.rate.long))", firing ? theme[.error] : theme[.text]),
                    StyledSpan(" vs \(Format.burn(pair.rate.threshold)) \(pair.rate.severity.rawValue)", theme[.muted]),
                    StyledSpan(firing ? "  FIRING" : "", theme[.error].bold),
                ]
                if let canary = pair.canaryAlone, let stable = pair.stableAlone {
                    spans.append(StyledSpan(" · canary alone \(Format.burn(canary)), stable \(Format.burn(stable))", theme[.muted]))
                }
                lines.append(StyledLine(spans))
            }
        }
        return lines
    }

    private func history(_ analysis: RolloutAnalysis) -> [StyledLine] {
        var lines = [heading("Older judgements, newest first")]
        if analysis.history.isEmpty { lines.append(StyledLine("  none", theme[.muted])) }
        for judgement in analysis.history {
            var spans = [
                StyledSpan("  \(Self.marker(judgement.verdict)) ", VerdictStyle.of(judgement.verdict, theme)),
                StyledSpan("step \(stepLabel(judgement.step)) \(Format.clock(judgement.time)) ", theme[.muted]),
                StyledSpan(judgement.verdict.rawValue, VerdictStyle.of(judgement.verdict, theme)),
                StyledSpan(" score \(judgement.score.map(Self.score) ?? "none")", theme[.text]),
            ]
            for metric in judgement.metrics {
                let p = metric.pValue.map { " p \(Format.significant($0))" } ?? ""
                spans.append(StyledSpan(" · \(Sanitizer.clean(metric.name)) ", theme[.muted]))
                spans.append(StyledSpan("\(Self.marker(metric.classification))\(metric.classification.rawValue)\(p)", classificationStyle(metric.classification)))
            }
            lines.append(StyledLine(spans))
        }
        if analysis.droppedJudgements > 0 {
            lines.append(StyledLine("  … \(analysis.droppedJudgements) older not kept", theme[.muted]))
        }
        return lines
    }

    // MARK: - Pieces

    private func heading(_ text: String) -> StyledLine {
        StyledLine(text, theme[.header])
    }

    private func wrapped(_ text: String, _ style: Style) -> [StyledLine] {
        DisplayWidth.wrap(text, width: max(1, width)).map { StyledLine($0, style) }
    }

    /// "2 of 4 (25%)": 1-based, with the step's canary weight when the plan is known.
    private func stepLabel(_ step: Int) -> String {
        guard rollout.steps.indices.contains(step) else { return "\(step + 1)" }
        return "\(step + 1) of \(rollout.steps.count) (\(rollout.steps[step])%)"
    }

    private func direction(_ direction: MetricEvidence.Direction) -> String {
        switch direction {
        case .increase: return "higher"
        case .decrease: return "lower"
        case .either: return "either way"
        }
    }

    private func classificationStyle(_ classification: MetricEvidence.Classification) -> Style {
        switch classification {
        case .pass: return theme[.ok]
        case .high, .low: return theme[.error]
        case .nodata, .insufficient: return theme[.warn]
        }
    }

    static func marker(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: return "✓"
        case .marginal: return "~"
        case .fail: return "✗"
        case .inconclusive: return "?"
        case .none: return "·"
        }
    }

    static func marker(_ classification: MetricEvidence.Classification) -> String {
        switch classification {
        case .pass: return "✓"
        case .high, .low: return "✗"
        case .nodata, .insufficient: return "?"
        }
    }

    static func score(_ value: Double) -> String {
        Format.trimmed(Format.fixed(value, 1))
    }

    private static func percentOf(_ fraction: Double) -> String {
        Format.trimmed(Format.fixed(fraction * 100, 1)) + "%"
    }
}

extension Style {
    /// This style, bold.
    var bold: Style {
        var copy = self
        copy.attributes.insert(.bold)
        return copy
    }
}
