package io.shoplake.pipelines.orders.generator;

import java.util.Arrays;

/**
 * A min-heap of (time, customer) on primitive arrays: each active customer's next purchase time. Ties go to the
 * lower customer number, so the order of events is fully determined by the times.
 */
final class EventQueue {

    private double[] times = new double[1024];
    private int[] customers = new int[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(double time, int customer) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            customers = Arrays.copyOf(customers, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(time, customer, times[parent], customers[parent])) {
                break;
            }
            times[at] = times[parent];
            customers[at] = customers[parent];
            at = parent;
        }
        times[at] = time;
        customers[at] = customer;
    }

    double peekTime() {
        return times[0];
    }

    int peekCustomer() {
        return customers[0];
    }

    /** Removes the earliest event. */
    void poll() {
        size--;
        if (size == 0) {
            return;
        }
        double time = times[size];
        int customer = customers[size];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], customers[child + 1], times[child], customers[child])) {
                child++;
            }
            if (!before(times[child], customers[child], time, customer)) {
                break;
            }
            times[at] = times[child];
            customers[at] = customers[child];
            at = child;
        }
        times[at] = time;
        customers[at] = customer;
    }

    private static boolean before(double time, int customer, double otherTime, int otherCustomer) {
        return time < otherTime || (time == otherTime && customer < otherCustomer);
    }
}
