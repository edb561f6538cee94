package io.shoplake.pipelines.prediction;

import java.io.Serializable;
import java.util.Map;

/**
 * A fitted buy-till-you-die purchase model: for a customer with x repeat purchases, the last at t_x, observed for T
 * (all in the model's time unit), the quantities the next-order prediction needs. Implementations are immutable.
 */
public interface PurchaseModel extends Serializable {

    /** The model's command-line name, e.g. {@code bgnbd}. */
    String name();

    /** Parameter names to values, in the published order. */
    Map<String, Double> parameters();

    /** Log-likelihood of one customer's (x, t_x, T). */
    double logLikelihood(double x, double tx, double T);

    /** Probability the customer is still active at T. */
    double probabilityAlive(double x, double tx, double T);

    /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
    double expectedPurchases(double t, double x, double tx, double T);

    /** E[X(t)]: expected repeat purchases in (0, t] of a customer who made a first purchase at 0. */
    double unconditionalExpectedPurchases(double t);

    /** Probability of at least one purchase in (T, T + h]. */
    double probabilityOfPurchaseWithin(double h, double x, double tx, double T);

    /**
     * Median time from T to the next purchase for a customer who stays active: the purchase rate's posterior given
     * activity is Gamma(r + x, alpha + T) in both models, so the median is (alpha + T)(2^(1/(r+x)) - 1).
     */
    double medianWaitingTimeIfAlive(double x, double T);
}
