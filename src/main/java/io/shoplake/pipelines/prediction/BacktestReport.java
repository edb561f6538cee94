package io.shoplake.pipelines.prediction;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code predict backtest}: the fit on the calibration period, then holdout and cumulative totals,
 * weekly tracking, means by calibration frequency, individual-level correlation and MAE, and the buyer list's
 * precision, recall and F1 for the model and the naive baseline. Undefined ratios (nothing predicted) are null.
 */
public record BacktestReport(
        String model,
        String unit,
        long customers,
        Map<String, Double> params,
        Map<String, Double> stdErrors,
        double logLikelihood,
        LocalDate calibrationEnd,
        LocalDate holdoutEnd,
        Totals holdout,
        Totals cumulative,
        List<Period> tracking,
        List<FrequencyBin> byFrequency,
        Double correlation,
        double mae,
        BuyerLists buyerList) {

    /** Actual and predicted repeat transactions. */
    public record Totals(long actual, double predicted) {}

    /** One tracking week (ending on {@code periodEnd}): its repeat transactions and the running totals. */
    public record Period(
            LocalDate periodEnd, long actual, double predicted, long cumulativeActual, double cumulativePredicted) {}

    /** Customers with calibration frequency x ("0".."6", "7+") and their mean actual and predicted holdout purchases. */
    public record FrequencyBin(String x, long customers, double actualMean, double predictedMean) {}

    /** Precision, recall, F1 of a buyer list against who actually ordered in the first horizon days. */
    public record Scores(Double precision, Double recall, Double f1) {
        static Scores of(long truePositives, long predicted, long actual) {
            Double precision = predicted == 0 ? null : (double) truePositives / predicted;
            Double recall = actual == 0 ? null : (double) truePositives / actual;
            Double f1 = precision == null || recall == null || precision + recall == 0
                    ? null
                    : 2 * precision * recall / (precision + recall);
            return new Scores(precision, recall, f1);
        }
    }

    /** The model's and the baseline's buyer-list scores. */
    public record BuyerLists(Scores model, Scores baseline) {}
}
