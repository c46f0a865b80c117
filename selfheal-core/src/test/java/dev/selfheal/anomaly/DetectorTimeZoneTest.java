package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Days and weekends are the series' own: a detector told the zone sees the same week whatever the clock says. */
class DetectorTimeZoneTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo"); // UTC+9 all year
    private static final long NINE_HOURS = 9 * 3600;

    /** Five-minute points over three weeks, busy on local weekdays 09:00-18:00, quiet at night and on weekends. */
    private static double[] officeTraffic() {
        Random random = new Random(21);
        double[] v = new double[21 * SyntheticSeries.PER_DAY];
        for (int i = 0; i < v.length; i++) {
            long localSecond = SyntheticSeries.at(i).getEpochSecond(); // SyntheticSeries starts on a Monday at 00:00
            int dayOfWeek = (int) Math.floorMod(Math.floorDiv(localSecond, 86_400L) + 3, 7L);
            int hour = (int) Math.floorMod(localSecond, 86_400L) / 3600;
            boolean open = dayOfWeek < 5 && hour >= 9 && hour < 18;
            v[i] = (open ? 100 : 10) + 3 * random.nextGaussian();
        }
        return v;
    }

    private static double[] scores(double[] values, long secondsFromLocalToInstant, ZoneId zone) {
        AnomalyDetector d = AnomalyDetectors.create(AnomalyDetectors.DEFAULT, zone);
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = d.update(SyntheticSeries.at(i).plusSeconds(secondsFromLocalToInstant), values[i]).score();
        }
        return s;
    }

    @Test
    void aDetectorToldTheZoneScoresTrueInstantsAsItScoresLocalTimestamps() {
        double[] traffic = officeTraffic();
        double[] local = scores(traffic, 0, ZoneOffset.UTC);
        double[] instants = scores(traffic, -NINE_HOURS, TOKYO);

        assertThat(instants).containsExactly(local);
    }

    @Test
    void withoutTheZoneTheWeekendIsCountedNineHoursOff() {
        double[] traffic = officeTraffic();
        double[] local = scores(traffic, 0, ZoneOffset.UTC);
        double[] misread = scores(traffic, -NINE_HOURS, ZoneOffset.UTC);

        double largestDifference = 0;
        for (int i = 0; i < traffic.length; i++) {
            largestDifference = Math.max(largestDifference, Math.abs(local[i] - misread[i]));
        }
        assertThat(largestDifference).isGreaterThan(0.05);
    }
}
