package io.shoplake.pipelines.prediction;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over log-parameters (so every parameter stays positive): Nelder-Mead (Hipparchus) from the
 * starting point, restarted once at its optimum, then Newton steps on a central-difference Hessian to polish. Standard
 * errors come from the inverse Hessian of the negative log-likelihood in log space, mapped to natural parameters by
 * the delta method (se(p) = p se(log p)).
 */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 20_000;
    private static final double GRADIENT_STEP = 1e-6;
    private static final double HESSIAN_STEP = 1e-4;
    /** |log parameter| beyond this (a factor e^12, about 1.6e5) at a failed optimum means it is running away. */
    private static final double RUNAWAY = 12;

    /** The optimum: natural parameters, their standard errors (NaN when the Hessian is not positive definite). */
    record Estimate(double[] values, double[] standardErrors, double logLikelihood, int evaluations) {}

    private MaximumLikelihood() {}

    /**
     * Maximises {@code logLikelihood} minus {@code penalty} times the sum of squared natural parameters.
     *
     * @param label the model's name for error messages
     */
    static Estimate maximize(
            String label,
            List<String> names,
            double[] start,
            ToDoubleFunction<double[]> logLikelihood,
            double penalty) {
        return maximize(label, names, start, logLikelihood, penalty, false);
    }

    /**
     * As {@link #maximize(String, List, double[], ToDoubleFunction, double)}; with {@code nearOptimum} (a start from a fit on
     * coarsened data) it tries Newton steps first and falls back to the simplex search only when they do not converge.
     */
    static Estimate maximize(
            String label,
            List<String> names,
            double[] start,
            ToDoubleFunction<double[]> logLikelihood,
            double penalty,
            boolean nearOptimum) {
        int dimension = start.length;
        ToDoubleFunction<double[]> objective = theta -> {
            double[] natural = exp(theta);
            double value = -logLikelihood.applyAsDouble(natural);
            for (double p : natural) {
                value += penalty * p * p;
            }
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
        };
        double[] theta = log(start);
        int evaluations = 0;
        if (nearOptimum) {
            double[] polished = chordPolish(objective, theta);
            if (converged(objective, polished)) {
                double[] natural = exp(polished);
                return new Estimate(
                        natural, standardErrors(objective, polished, natural), logLikelihood.applyAsDouble(natural), 0);
            }
        }
        try {
            for (int round = 0; round < 2; round++) {
                SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
                PointValuePair optimum = optimizer.optimize(
                        new MaxEval(MAX_EVALUATIONS),
                        new ObjectiveFunction(objective::applyAsDouble),
                        GoalType.MINIMIZE,
                        new InitialGuess(theta),
                        new NelderMeadSimplex(dimension, round == 0 ? 1.0 : 0.1));
                theta = optimum.getPoint();
                evaluations += optimizer.getEvaluations();
            }
        } catch (MathIllegalStateException e) {
            throw new ModelFitException("cannot fit " + label + ": the optimiser did not converge within "
                    + MAX_EVALUATIONS + " evaluations");
        }
        theta = polish(objective, theta);
        if (!converged(objective, theta)) {
            for (int i = 0; i < theta.length; i++) {
                if (Math.abs(theta[i]) > RUNAWAY) {
                    throw new ModelFitException("cannot fit " + label + ": the likelihood has no interior maximum ("
                            + names.get(i) + " runs off to "
                            + String.format(java.util.Locale.ROOT, "%.3g", Math.exp(theta[i]))
                            + "): the data are too few or too uniform to identify the model"
                            + (theta[i] > 0 ? " (a --penalty keeps parameters finite)" : ""));
                }
            }
            throw new ModelFitException("cannot fit " + label + ": the optimiser did not converge (largest gradient "
                    + String.format(java.util.Locale.ROOT, "%.3g", largestGradient(objective, theta)) + " at the end)");
        }
        double[] natural = exp(theta);
        double[] errors = standardErrors(objective, theta, natural);
        double logLik = logLikelihood.applyAsDouble(natural);
        return new Estimate(natural, errors, logLik, evaluations);
    }

    /** A rough optimum (one simplex search to 1e-8 relative), to start a precise fit from. */
    static double[] roughOptimum(
            String label, double[] start, ToDoubleFunction<double[]> logLikelihood, double penalty) {
        ToDoubleFunction<double[]> objective = theta -> {
            double[] natural = exp(theta);
            double value = -logLikelihood.applyAsDouble(natural);
            for (double p : natural) {
                value += penalty * p * p;
            }
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
        };
        try {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-8, 1e-8);
            return exp(optimizer
                    .optimize(
                            new MaxEval(MAX_EVALUATIONS),
                            new ObjectiveFunction(objective::applyAsDouble),
                            GoalType.MINIMIZE,
                            new InitialGuess(log(start)),
                            new NelderMeadSimplex(start.length, 1.0))
                    .getPoint());
        } catch (MathIllegalStateException e) {
            throw new ModelFitException("cannot fit " + label + ": the optimiser did not converge within "
                    + MAX_EVALUATIONS + " evaluations");
        }
    }

    /** Converged: a finite objective and a gradient (in log-parameters) small against the objective's scale. */
    private static boolean converged(ToDoubleFunction<double[]> objective, double[] theta) {
        double value = objective.applyAsDouble(theta);
        return value != Double.MAX_VALUE
                && largestGradient(objective, theta) <= 1e-3 * Math.max(1.0, Math.sqrt(Math.abs(value)));
    }

    private static double largestGradient(ToDoubleFunction<double[]> objective, double[] theta) {
        double largest = 0;
        for (double g : gradient(objective, theta)) {
            largest = Math.max(largest, Math.abs(g));
        }
        return largest;
    }

    /**
     * Newton steps that reuse the Hessian of the starting point (the chord method): from a start near the optimum they
     * converge almost as fast as full Newton at a fifth of the likelihood evaluations per step.
     */
    private static double[] chordPolish(ToDoubleFunction<double[]> objective, double[] theta) {
        DecompositionSolver solver;
        try {
            solver = new CholeskyDecomposition(hessian(objective, theta)).getSolver();
        } catch (MathIllegalStateException | org.hipparchus.exception.MathIllegalArgumentException e) {
            return theta;
        }
        double[] current = theta.clone();
        double value = objective.applyAsDouble(current);
        for (int iteration = 0; iteration < 30; iteration++) {
            RealVector step = solver.solve(MatrixUtils.createRealVector(gradient(objective, current)))
                    .mapMultiply(-1);
            double[] candidate = current.clone();
            for (int i = 0; i < candidate.length; i++) {
                candidate[i] += step.getEntry(i);
            }
            double candidateValue = objective.applyAsDouble(candidate);
            if (!(candidateValue < value)) {
                return current;
            }
            boolean done = value - candidateValue <= 1e-12 * Math.abs(value);
            current = candidate;
            value = candidateValue;
            if (done) {
                return current;
            }
        }
        return current;
    }

    /** Newton steps with backtracking; stops when a step no longer lowers the objective. */
    private static double[] polish(ToDoubleFunction<double[]> objective, double[] theta) {
        double[] current = theta.clone();
        double value = objective.applyAsDouble(current);
        for (int iteration = 0; iteration < 20; iteration++) {
            RealMatrix hessian = hessian(objective, current);
            DecompositionSolver solver;
            try {
                solver = new CholeskyDecomposition(hessian).getSolver();
            } catch (MathIllegalStateException | org.hipparchus.exception.MathIllegalArgumentException e) {
                return current;
            }
            RealVector step = solver.solve(MatrixUtils.createRealVector(gradient(objective, current)))
                    .mapMultiply(-1);
            boolean improved = false;
            for (double scale = 1.0; scale > 1e-4; scale /= 2) {
                double[] candidate = current.clone();
                for (int i = 0; i < candidate.length; i++) {
                    candidate[i] += scale * step.getEntry(i);
                }
                double candidateValue = objective.applyAsDouble(candidate);
                if (candidateValue < value) {
                    improved = value - candidateValue > 1e-12 * Math.abs(value);
                    current = candidate;
                    value = candidateValue;
                    break;
                }
            }
            if (!improved) {
                return current;
            }
        }
        return current;
    }

    private static double[] standardErrors(ToDoubleFunction<double[]> objective, double[] theta, double[] natural) {
        double[] errors = new double[theta.length];
        try {
            RealMatrix inverse = new CholeskyDecomposition(hessian(objective, theta))
                    .getSolver()
                    .getInverse();
            for (int i = 0; i < errors.length; i++) {
                errors[i] = natural[i] * Math.sqrt(inverse.getEntry(i, i));
            }
        } catch (MathIllegalStateException | org.hipparchus.exception.MathIllegalArgumentException e) {
            java.util.Arrays.fill(errors, Double.NaN);
        }
        return errors;
    }

    static double[] gradient(ToDoubleFunction<double[]> f, double[] theta) {
        double[] gradient = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += GRADIENT_STEP;
            down[i] -= GRADIENT_STEP;
            gradient[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * GRADIENT_STEP);
        }
        return gradient;
    }

    static RealMatrix hessian(ToDoubleFunction<double[]> f, double[] theta) {
        int n = theta.length;
        double h = HESSIAN_STEP;
        RealMatrix hessian = MatrixUtils.createRealMatrix(n, n);
        double center = f.applyAsDouble(theta);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double value;
                if (i == j) {
                    value = (shifted(f, theta, i, h, j, 0) - 2 * center + shifted(f, theta, i, -h, j, 0)) / (h * h);
                } else {
                    value = (shifted(f, theta, i, h, j, h)
                                    - shifted(f, theta, i, h, j, -h)
                                    - shifted(f, theta, i, -h, j, h)
                                    + shifted(f, theta, i, -h, j, -h))
                            / (4 * h * h);
                }
                hessian.setEntry(i, j, value);
                hessian.setEntry(j, i, value);
            }
        }
        return hessian;
    }

    private static double shifted(ToDoubleFunction<double[]> f, double[] theta, int i, double di, int j, double dj) {
        double[] point = theta.clone();
        point[i] += di;
        point[j] += dj;
        return f.applyAsDouble(point);
    }

    private static double[] exp(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.exp(values[i]);
        }
        return result;
    }

    private static double[] log(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.log(values[i]);
        }
        return result;
    }
}
