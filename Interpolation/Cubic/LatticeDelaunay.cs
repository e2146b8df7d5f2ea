namespace Science.Interpolation.Cubic;

/// <summary>
/// Delaunay triangulation of distinct points of an integer lattice (i, j), with the Delaunay (empty-circle) criterion
/// taken in anisotropically scaled coordinates x = α i, y = β j, as for points at linspace coordinates with different
/// spacings in x and y. All predicates are evaluated exactly in integer arithmetic, so degenerate inputs (collinear
/// rows, cocircular grid cells) are handled consistently; ties (a fourth point exactly on a circumcircle) keep the
/// existing triangles, so the result depends only on the insertion order, which is a fixed pseudo-random permutation
/// of the input: the triangulation is deterministic.
/// </summary>
/// <remarks>
/// Bowyer–Watson insertion with a "ghost" vertex at infinity closing the convex hull (the conflict region of a
/// ghost triangle is the open outer half-plane of its hull edge plus the open edge itself), located by a randomised
/// visibility walk. Expected O(n log n) structural work plus O(n √n) walking for n up to a few 10⁴.
/// </remarks>
internal sealed class LatticeDelaunay
{
    private readonly int[] _x, _y;
    private readonly long _wx, _wy; // incircle weights: sign(wx·D_x + wy·D_y)
    private readonly int _ghost;
    private readonly List<int> _v = [];   // 3 vertices per triangle (ghost triangles have the ghost last)
    private readonly List<int> _n = [];   // 3 neighbours per triangle, opposite each vertex
    private readonly List<bool> _alive = [];
    private readonly Stack<int> _free = new();
    private readonly List<int> _stamp = [];
    private int _stampValue;
    private int _last;
    private readonly Random _walkRandom = new(20240607);

    /// <summary>
    /// Triangulates the distinct lattice points (x_k, y_k). The empty-circle test is taken in coordinates (α x, β y)
    /// with α² : β² = <paramref name="weightX"/> : <paramref name="weightY"/> (positive integers); for linspace
    /// coordinates with spacings 2π/(Nx − 1) and 2π/(Ny − 1) pass (Ny − 1)² and (Nx − 1)².
    /// </summary>
    public LatticeDelaunay(int[] x, int[] y, long weightX, long weightY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weightX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(weightY, 1);
        _x = x; _y = y;
        int n = x.Length;
        _ghost = n;
        _wx = weightX; _wy = weightY;
        Points = n;
        if (n < 3) { Triangles = []; Neighbors = []; return; }

        var order = Enumerable.Range(0, n).ToArray();
        var shuffle = new Random(1234567);
        for (int k = n - 1; k > 0; k--)
        {
            int r = shuffle.Next(k + 1);
            (order[k], order[r]) = (order[r], order[k]);
        }
        // The first two points and a third not collinear with them.
        int third = -1;
        for (int k = 2; k < n; k++)
            if (Orient(order[0], order[1], order[k]) != 0) { third = k; break; }
        if (third < 0) { Triangles = []; Neighbors = []; Collinear = true; return; }
        (order[2], order[third]) = (order[third], order[2]);
        int a = order[0], b = order[1], c = order[2];
        if (Orient(a, b, c) < 0) (b, c) = (c, b);
        // One finite triangle and three ghosts around it.
        int t0 = NewTriangle(a, b, c);
        int g0 = NewTriangle(c, b, _ghost); // across edge b–c (opposite a)
        int g1 = NewTriangle(a, c, _ghost); // across edge c–a (opposite b)
        int g2 = NewTriangle(b, a, _ghost); // across edge a–b (opposite c)
        SetNeighbors(t0, g0, g1, g2);
        // Ghost (c, b, G): opposite c is edge (b, G) → ghost containing b as first vertex... link by shared edges.
        LinkGhosts([g0, g1, g2]);
        _n[3 * g0 + 2] = t0; _n[3 * g1 + 2] = t0; _n[3 * g2 + 2] = t0;
        _last = t0;
        for (int k = 3; k < n; k++) Insert(order[k]);

        // Export the finite triangles.
        var map = new int[_alive.Count];
        int count = 0;
        for (int t = 0; t < _alive.Count; t++)
            map[t] = _alive[t] && _v[3 * t + 2] != _ghost ? count++ : -1;
        Triangles = new int[3 * count];
        Neighbors = new int[3 * count];
        for (int t = 0; t < _alive.Count; t++)
        {
            if (map[t] < 0) continue;
            int u = map[t];
            for (int e = 0; e < 3; e++)
            {
                Triangles[3 * u + e] = _v[3 * t + e];
                int nb = _n[3 * t + e];
                Neighbors[3 * u + e] = map[nb];
            }
        }
    }

    /// <summary>Number of input points.</summary>
    public int Points { get; }
    /// <summary>Whether all points are collinear (no triangle exists).</summary>
    public bool Collinear { get; }
    /// <summary>Finite triangles, 3 vertex indices each, counter-clockwise.</summary>
    public int[] Triangles { get; }
    /// <summary>Per triangle, the neighbour opposite each vertex, −1 on the convex hull.</summary>
    public int[] Neighbors { get; }
    /// <summary>Number of finite triangles.</summary>
    public int Count => Triangles.Length / 3;

    /// <summary>Orientation of three input points: &gt; 0 counter-clockwise, 0 collinear.</summary>
    public long Orient(int a, int b, int c) =>
        (long)(_x[b] - _x[a]) * (_y[c] - _y[a]) - (long)(_y[b] - _y[a]) * (_x[c] - _x[a]);

    /// <summary>Whether the triangulation is Delaunay (no vertex strictly inside a neighbour's circumcircle); for tests.</summary>
    public bool IsDelaunay()
    {
        for (int t = 0; t < Count; t++)
            for (int e = 0; e < 3; e++)
            {
                int nb = Neighbors[3 * t + e];
                if (nb < 0) continue;
                for (int f = 0; f < 3; f++)
                {
                    int v = Triangles[3 * nb + f];
                    if (v == Triangles[3 * t] || v == Triangles[3 * t + 1] || v == Triangles[3 * t + 2]) continue;
                    if (InCircle(Triangles[3 * t], Triangles[3 * t + 1], Triangles[3 * t + 2], v) > 0) return false;
                }
            }
        return true;
    }

    // Incircle of d against the counter-clockwise triangle (a, b, c) in the scaled plane: with rows (α dx, β dy,
    // α² dx² + β² dy²) the determinant is αβ(α² D_x + β² D_y), D_x, D_y the integer determinants with third column
    // dx², dy². Exact in Int128 for lattices up to ~10⁴ points per side. > 0: d strictly inside.
    private int InCircle(int a, int b, int c, int d)
    {
        long adx = _x[a] - _x[d], ady = _y[a] - _y[d];
        long bdx = _x[b] - _x[d], bdy = _y[b] - _y[d];
        long cdx = _x[c] - _x[d], cdy = _y[c] - _y[d];
        long ab = adx * bdy - bdx * ady;
        long bc = bdx * cdy - cdx * bdy;
        long ca = cdx * ady - adx * cdy;
        Int128 dxTerm = (Int128)(adx * adx) * bc + (Int128)(bdx * bdx) * ca + (Int128)(cdx * cdx) * ab;
        Int128 dyTerm = (Int128)(ady * ady) * bc + (Int128)(bdy * bdy) * ca + (Int128)(cdy * cdy) * ab;
        Int128 s = dxTerm * _wx + dyTerm * _wy;
        return s > 0 ? 1 : s < 0 ? -1 : 0;
    }

    private int NewTriangle(int a, int b, int c)
    {
        int t;
        if (_free.Count > 0)
        {
            t = _free.Pop();
            _v[3 * t] = a; _v[3 * t + 1] = b; _v[3 * t + 2] = c;
            _n[3 * t] = _n[3 * t + 1] = _n[3 * t + 2] = -1;
            _alive[t] = true;
            return t;
        }
        t = _alive.Count;
        _v.Add(a); _v.Add(b); _v.Add(c);
        _n.Add(-1); _n.Add(-1); _n.Add(-1);
        _alive.Add(true);
        _stamp.Add(0);
        return t;
    }

    private void SetNeighbors(int t, int n0, int n1, int n2)
    {
        _n[3 * t] = n0; _n[3 * t + 1] = n1; _n[3 * t + 2] = n2;
    }

    // Links triangles that share directed edges (u→v in one, v→u in the other) among the given set.
    private void LinkGhosts(IReadOnlyList<int> tris)
    {
        foreach (int t in tris)
            for (int e = 0; e < 3; e++)
            {
                int u = _v[3 * t + (e + 1) % 3], v = _v[3 * t + (e + 2) % 3];
                foreach (int s in tris)
                {
                    if (s == t) continue;
                    for (int f = 0; f < 3; f++)
                        if (_v[3 * s + (f + 1) % 3] == v && _v[3 * s + (f + 2) % 3] == u) _n[3 * t + e] = s;
                }
            }
    }

    private bool IsGhost(int t) => _v[3 * t + 2] == _ghost;

    private bool InConflict(int t, int p)
    {
        int a = _v[3 * t], b = _v[3 * t + 1], c = _v[3 * t + 2];
        if (c != _ghost) return InCircle(a, b, c, p) > 0;
        long o = Orient(a, b, p);
        if (o > 0) return true;
        if (o < 0) return false;
        // Collinear with the hull edge: in conflict when strictly inside the segment.
        long dot1 = (long)(_x[p] - _x[a]) * (_x[b] - _x[a]) + (long)(_y[p] - _y[a]) * (_y[b] - _y[a]);
        long dot2 = (long)(_x[p] - _x[b]) * (_x[a] - _x[b]) + (long)(_y[p] - _y[b]) * (_y[a] - _y[b]);
        return dot1 > 0 && dot2 > 0;
    }

    private int Locate(int p)
    {
        int t = _alive[_last] ? _last : FirstAlive();
        if (IsGhost(t)) t = _n[3 * t + 2];
        while (true)
        {
            int start = _walkRandom.Next(3);
            int next = -1;
            for (int k = 0; k < 3; k++)
            {
                int e = (start + k) % 3;
                int u = _v[3 * t + (e + 1) % 3], v = _v[3 * t + (e + 2) % 3];
                if (Orient(u, v, p) < 0) { next = _n[3 * t + e]; break; }
            }
            if (next < 0) return t;           // p in the closed triangle: strictly inside its circumcircle
            if (IsGhost(next)) return next;   // p strictly outside a hull edge: that ghost is in conflict
            t = next;
        }
    }

    private int FirstAlive()
    {
        for (int t = 0; t < _alive.Count; t++) if (_alive[t] && !IsGhost(t)) return t;
        throw new InvalidOperationException("empty triangulation");
    }

    private void Insert(int p)
    {
        int seed = Locate(p);
        _stampValue += 2;
        int inCavity = _stampValue, tested = _stampValue - 1;
        var cavity = new List<int> { seed };
        _stamp[seed] = inCavity;
        var boundary = new List<(int U, int V, int Outer)>();
        for (int q = 0; q < cavity.Count; q++)
        {
            int t = cavity[q];
            for (int e = 0; e < 3; e++)
            {
                int nb = _n[3 * t + e];
                int u = _v[3 * t + (e + 1) % 3], v = _v[3 * t + (e + 2) % 3];
                if (_stamp[nb] == inCavity) continue;
                if (_stamp[nb] != tested && InConflict(nb, p))
                {
                    _stamp[nb] = inCavity;
                    cavity.Add(nb);
                    continue;
                }
                _stamp[nb] = tested;
                boundary.Add((u, v, nb));
            }
        }
        foreach (int t in cavity) { _alive[t] = false; _free.Push(t); }
        // New triangles (u, v, p), ghosts rotated so the ghost is last.
        var created = new int[boundary.Count];
        var byStart = new Dictionary<int, int>(boundary.Count);
        for (int k = 0; k < boundary.Count; k++)
        {
            var (u, v, outer) = boundary[k];
            int t = u == _ghost ? NewTriangle(v, p, _ghost) : v == _ghost ? NewTriangle(p, u, _ghost) : NewTriangle(u, v, p);
            created[k] = t;
            // Neighbour across u–v is the outer triangle; and the outer triangle's pointer back.
            SetAcross(t, u, v, outer);
            for (int f = 0; f < 3; f++)
            {
                int a = _v[3 * outer + (f + 1) % 3], b = _v[3 * outer + (f + 2) % 3];
                if (a == v && b == u) { _n[3 * outer + f] = t; break; }
            }
            byStart[u] = t;
        }
        // Across (v, p): the new triangle whose boundary edge starts at v; across (p, u): the one whose edge ends at u.
        for (int k = 0; k < boundary.Count; k++)
        {
            var (u, v, _) = boundary[k];
            int t = created[k];
            int after = byStart[v];
            SetAcross(t, v, p, after);
            SetAcross(after, p, v, t);
        }
        _last = created[0];
        foreach (int t in created)
            if (!IsGhost(t)) { _last = t; break; }
    }

    // Sets the neighbour of t across its directed edge (u → v).
    private void SetAcross(int t, int u, int v, int neighbour)
    {
        for (int e = 0; e < 3; e++)
        {
            int a = _v[3 * t + (e + 1) % 3], b = _v[3 * t + (e + 2) % 3];
            if (a == u && b == v) { _n[3 * t + e] = neighbour; return; }
        }
        throw new InvalidOperationException("triangulation bookkeeping error: edge not found");
    }
}
