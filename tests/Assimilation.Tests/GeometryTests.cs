using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>Periodic distances and the batches of the localisation domains.</summary>
public sealed class GeometryTests
{
    [Fact]
    public void RingAndGridDistancesWrap()
    {
        var ring = new PeriodicRing(40);
        Assert.Equal(3, ring.Distance(new(38), new(1)));
        var grid = new PeriodicGrid(8, 6);
        Assert.Equal(Math.Sqrt(1 + 4), grid.Distance(new(7, 5), new(0, 1)), 14);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicRing(0)).ParamName);
    }

    [Fact]
    public void DomainsPartitionTheStateIntoDappersBatches()
    {
        var l96 = LocalisationDomain.Ring(40, new IdentityObservation(40), 2);
        Assert.Equal(20, l96.Batches.Count);
        Assert.Equal([38, 39], l96.Batches[19]);
        Assert.Equal(0.5, l96.BatchDistance(0, 0)); // mean of distances 0 and 1
        var h = new SubsetObservation(48, [0, 13, 47]);
        var grid = LocalisationDomain.Grid(8, 6, h, 4, 3);
        Assert.Equal(4, grid.Batches.Count);
        Assert.Equal(new DomainPoint(5, 1), grid.ObservationPositions[1]);
        Assert.Equal(48, grid.Batches.Sum(b => b.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalisationDomain(new PeriodicRing(4), [new(0), new(1)], [], [[0], [0, 1]]));
    }

    [Fact]
    public void ObservationOperatorsCheckTheirIndices()
    {
        var h = new SubsetObservation(10, [1, 4]);
        var y = new double[2];
        h.Apply([0, 10, 20, 30, 40, 50, 60, 70, 80, 90], y);
        Assert.Equal([10.0, 40.0], y);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => new SubsetObservation(10, [3, 10])).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => new SubsetObservation(10, [4, 3])).ParamName);
        Assert.Equal("standardDeviations", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationError([1.0, -1.0])).ParamName);
    }
}
