using System;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// Python's <c>list.sort</c> over a "less than" test. Below 64 items it takes CPython's exact steps (one run, strictly
    /// descending runs reversed, then binary insertion), so orders that are not total (a NaN among numbers) come out as
    /// in Python; longer lists are merge-sorted, which is stable and equal to Python's result for total orders.
    /// <c>reverse</c> is Python's: reverse, sort, reverse, so equal items keep their original order.
    /// </summary>
    public static class PySort
    {
        private const int MinMerge = 64;

        public static void Sort<T>(T[] items, Func<T, T, bool> less, bool reverse)
        {
            if (items.Length < 2) return;
            if (reverse) Array.Reverse(items);
            if (items.Length < MinMerge) SortShort(items, less);
            else MergeSort(items, new T[items.Length], 0, items.Length, less);
            if (reverse) Array.Reverse(items);
        }

        private static void SortShort<T>(T[] a, Func<T, T, bool> less)
        {
            // count_run: the leading run, ascending (non-descending) or strictly descending.
            var n = 2;
            if (less(a[1], a[0]))
            {
                while (n < a.Length && less(a[n], a[n - 1])) n++;
                Array.Reverse(a, 0, n);
            }
            else
            {
                while (n < a.Length && !less(a[n], a[n - 1])) n++;
            }
            // binarysort: each later item inserted after the equal ones before it.
            for (var start = n; start < a.Length; start++)
            {
                var pivot = a[start];
                int l = 0, r = start;
                while (l < r)
                {
                    var p = l + ((r - l) >> 1);
                    if (less(pivot, a[p])) r = p; else l = p + 1;
                }
                Array.Copy(a, l, a, l + 1, start - l);
                a[l] = pivot;
            }
        }

        private static void MergeSort<T>(T[] a, T[] buffer, int lo, int hi, Func<T, T, bool> less)
        {
            if (hi - lo < 2) return;
            var mid = lo + (hi - lo) / 2;
            MergeSort(a, buffer, lo, mid, less);
            MergeSort(a, buffer, mid, hi, less);
            Array.Copy(a, lo, buffer, lo, hi - lo);
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) a[k++] = less(buffer[j], buffer[i]) ? buffer[j++] : buffer[i++];
            while (i < mid) a[k++] = buffer[i++];
            while (j < hi) a[k++] = buffer[j++];
        }
    }
}
