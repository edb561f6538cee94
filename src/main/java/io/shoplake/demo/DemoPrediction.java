package io.shoplake.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shoplake.pipelines.prediction.BuyerListRule;
import io.shoplake.pipelines.prediction.ModelFitException;
import io.shoplake.pipelines.prediction.NextOrderPrediction;
import io.shoplake.publishers.mongodb.MongoPublisher;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The demo's next-order prediction step: BG/NBD on silver.orders (defaults of {@code predict next-orders}, buyer
 * list = the ten customers most likely to order), published to the embedded MongoDB. A fit the demo data cannot support is reported and the demo goes on.
 */
final class DemoPrediction {

    private static final int DEMO_BUYERS = 10;

    private DemoPrediction() {}

    static void predictNextOrders(DemoRun run) {
        NextOrderPrediction.Options defaults = NextOrderPrediction.Options.defaults();
        NextOrderPrediction.Options options = new NextOrderPrediction.Options(
                defaults.source(),
                defaults.asOf(),
                defaults.unit(),
                defaults.model(),
                defaults.horizonDays(),
                defaults.pAliveFloor(),
                defaults.penalty(),
                // Few demo customers reach p >= 0.5 in a week; the ten most likely make a list worth looking at.
                BuyerListRule.top(DEMO_BUYERS),
                run.runId());
        NextOrderPrediction.Result result;
        try {
            result = NextOrderPrediction.run(run.lake(), options);
        } catch (ModelFitException e) {
            run.out().println("   no prediction (the demo goes on): " + e.getMessage());
            return;
        }
        MongoPublisher.Target target = new MongoPublisher.Target(
                run.services.mongo().url(),
                MongoPublisher.Target.DEFAULT_DATABASE,
                MongoPublisher.Target.DEFAULT_COLLECTION);
        MongoPublisher.Result published = NextOrderPrediction.publish(run.lake(), result, target);
        long documents;
        List<String> publishedCustomers = new ArrayList<>();
        try (MongoClient client = MongoClients.create(target.uri())) {
            MongoCollection<Document> collection =
                    client.getDatabase(target.database()).getCollection(target.collection());
            documents = collection.countDocuments();
            // Read back from MongoDB, most likely buyer first: what the marketing app will see.
            collection
                    .find(Filters.eq("as_of", result.asOf().toString()))
                    .sort(Sorts.orderBy(Sorts.descending("p_order_in_horizon"), Sorts.ascending("customer_id")))
                    .forEach(document -> publishedCustomers.add(document.getString("customer_id")));
        }
        run.out()
                .println("   " + result.customers() + " customers scored with "
                        + result.fit().type().label() + " as of " + result.asOf()
                        + " into gold.next_order_predictions");
        run.out()
                .println("   buyer list (" + options.buyerList() + ", next " + options.horizonDays() + " days): "
                        + result.buyers() + " customers; " + published.published() + " published to " + target);
        run.out().println("   documents in " + target.database() + "." + target.collection() + ": " + documents);
        run.out().println("   published customers, most likely first: " + String.join(", ", publishedCustomers));
    }
}
