package io.kefu.knowledge;

import io.kefu.text.Language;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Nullable;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The in-memory Lucene index of every article (drafts too: staff may search them; callers filter
 * by status). Each language has its own fields and analysis: smartcn words for Chinese, stemmed
 * English words for English, so "怎么退款" finds an article about 退款 and "refunded" one about
 * refunds. Title matches weigh {@value #TITLE_BOOST} times, tag matches {@value #TAG_BOOST} times
 * a body match.
 *
 * <p>The index is never the source of truth: it is built from the database and brought up to
 * date by {@link #put} and {@link #remove}, or rebuilt with {@link #replaceAll}. Writes are
 * serialised; searches run concurrently on near-real-time readers that see a write once it is
 * complete, never half of a rebuild.
 */
public final class KnowledgeIndex implements Closeable {

    static final float TITLE_BOOST = 3f;
    static final float TAG_BOOST = 2f;
    /**
     * Query words used at most: a ticket's first message can be long, and Lucene refuses queries
     * of more than 1,024 clauses (words × 3 fields × 2 languages).
     */
    static final int MAX_QUERY_TERMS = 64;
    private static final int SNIPPET_CHARS = 160;

    private static final String ID = "id";
    private static final String ID_VALUE = "id_value";
    private static final String LANG = "lang";
    private static final String STATUS = "status";
    private static final String TAG = "tag";

    private final Analyzer chinese = new SmartChineseAnalyzer();
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(english,
            Map.of(field("title", Language.ZH), chinese, field("tags", Language.ZH), chinese,
                    field("body", Language.ZH), chinese));
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final MarkdownRenderer markdown;
    /** Version of each indexed article, to tell which ones the database has changed since. */
    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    /** Titles by article, copied on write, for title suggestions without a search. */
    private volatile Map<Long, Entry> entries = Map.of();

    /**
     * An indexed article as hits show it. Kept beside the index rather than in Lucene's stored
     * fields, which would be decompressed for every hit (a bot question needs no disk-style I/O).
     */
    record Entry(long id, Language language, String title, ArticleStatus status, List<String> tags,
            String markdown, String text, String normalizedTitle) {
    }

    /**
     * One search hit.
     *
     * @param id       article id
     * @param language article language
     * @param title    title
     * @param tags     tags
     * @param status   draft or published
     * @param markdown the body's Markdown source
     * @param score    raw BM25 score (unbounded; see {@link Results#unit()})
     * @param snippet  HTML: an escaped passage of the body with matches in {@code <mark>}, or null
     *                 when snippets were not asked for
     */
    record Hit(long id, Language language, String title, List<String> tags, ArticleStatus status,
            String markdown, double score, @Nullable String snippet) {
    }

    /**
     * The outcome of a search.
     *
     * @param hits  best first
     * @param total how many articles matched (exact up to 1,000)
     * @param unit  the idf of a word that no article contains, the most one word can weigh in a
     *              body; scores divided by it are comparable across questions and index sizes
     */
    record Results(List<Hit> hits, long total, double unit) {

        static final Results NONE = new Results(List.of(), 0, 0);
    }

    /**
     * What to search for.
     *
     * @param text      the words as typed
     * @param languages which articles and analyses to use
     * @param status    only articles in this status, or any when null
     * @param tag       only articles with this tag, or any when null
     * @param limit     at most this many hits
     * @param snippets  whether to make highlighted snippets
     */
    record Search(String text, Set<Language> languages, @Nullable ArticleStatus status, @Nullable String tag,
            int limit, boolean snippets) {
    }

    public KnowledgeIndex(MarkdownRenderer markdown) {
        this.markdown = markdown;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory knowledge index", e);
        }
    }

    /** Replaces the whole index by these articles; searches see the old index until it is done. */
    public synchronized void replaceAll(Collection<Article> articles) {
        try {
            writer.deleteAll();
            versions.clear();
            Map<Long, Entry> fresh = new HashMap<>();
            for (Article article : articles) {
                Entry entry = entry(article);
                writer.addDocument(document(entry));
                versions.put(article.id(), article.version());
                fresh.put(article.id(), entry);
            }
            entries = Map.copyOf(fresh);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces one article. */
    public synchronized void put(Article article) {
        Integer indexed = versions.get(article.id());
        if (indexed != null && indexed > article.version()) {
            // two writes on this node finished out of order: the newer one is already indexed
            return;
        }
        try {
            Entry entry = entry(article);
            Map<Long, Entry> copy = new HashMap<>(entries);
            copy.put(article.id(), entry);
            // the entry first: a search that finds the new document must find its entry too
            entries = Map.copyOf(copy);
            writer.updateDocument(new Term(ID, Long.toString(article.id())), document(entry));
            versions.put(article.id(), article.version());
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes one article (nothing happens when it is not indexed). */
    public synchronized void remove(long articleId) {
        try {
            writer.deleteDocuments(new Term(ID, Long.toString(articleId)));
            versions.remove(articleId);
            Map<Long, Entry> copy = new HashMap<>(entries);
            copy.remove(articleId);
            entries = Map.copyOf(copy);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of every indexed article, by id. */
    public Map<Long, Integer> versions() {
        return Map.copyOf(versions);
    }

    /** How many articles are indexed. */
    public int size() {
        return versions.size();
    }

    /** Searches the index; a text without any word (only punctuation, stop words) has no hits. */
    Results search(Search search) {
        List<Clause> clauses = clauses(search.text(), search.languages());
        if (clauses.isEmpty() || search.limit() <= 0) {
            return Results.NONE;
        }
        BooleanQuery.Builder scoring = new BooleanQuery.Builder();
        clauses.forEach(c -> scoring.add(c.query(), BooleanClause.Occur.SHOULD));
        Query words = scoring.build();
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
        query.add(new TermInSetQuery(LANG, search.languages().stream().map(l -> new BytesRef(l.code())).toList()),
                BooleanClause.Occur.FILTER);
        if (search.status() != null) {
            query.add(new TermQuery(new Term(STATUS, search.status().name())), BooleanClause.Occur.FILTER);
        }
        if (search.tag() != null) {
            query.add(new TermQuery(new Term(TAG, normalizeTag(search.tag()))), BooleanClause.Occur.FILTER);
        }
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(query.build(), search.limit());
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            Map<Long, Entry> known = entries;
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc sd : top.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                NumericDocValues ids = DocValues.getNumeric(leaf.reader(), ID_VALUE);
                if (!ids.advanceExact(sd.doc - leaf.docBase)) {
                    continue;
                }
                Entry e = known.get(ids.longValue());
                if (e == null || search.status() != null && e.status() != search.status()) {
                    continue; // removed or unpublished since this searcher was opened
                }
                String snippet = search.snippets() ? snippet(words, e.language(), e.text()) : null;
                hits.add(new Hit(e.id(), e.language(), e.title(), e.tags(), e.status(), e.markdown(), sd.score,
                        snippet));
            }
            return new Results(List.copyOf(hits), top.totalHits.value, unit(searcher.getIndexReader(), search.languages()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Published articles in one language that answer a question, best first, each with its
     * {@link AnswerConfidence confidence}.
     */
    public List<KnowledgeAnswer> answers(String question, Language language, int limit) {
        Results results = search(new Search(question, Set.of(language), ArticleStatus.PUBLISHED, null,
                Math.max(2, limit), false));
        return answers(results, limit);
    }

    /** The answers of a search's results (at most {@code limit}), best first. */
    static List<KnowledgeAnswer> answers(Results results, int limit) {
        List<Hit> hits = results.hits();
        List<KnowledgeAnswer> answers = new ArrayList<>();
        for (int i = 0; i < hits.size() && i < limit; i++) {
            Hit hit = hits.get(i);
            double other = i == 0 ? (hits.size() > 1 ? hits.get(1).score() : 0) : hits.get(0).score();
            answers.add(new KnowledgeAnswer(hit.id(), hit.title(), hit.markdown(), hit.language().code(),
                    AnswerConfidence.of(hit.score(), other, results.unit())));
        }
        return List.copyOf(answers);
    }

    /**
     * Titles of articles in a language and status that start with the prefix or contain it, those
     * starting with it first, then shorter titles first.
     */
    List<Entry> titlesMatching(String prefix, Language language, ArticleStatus status, int limit) {
        String wanted = QueryText.normalize(prefix);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return entries.values().stream()
                .filter(e -> e.language() == language && e.status() == status)
                .filter(e -> e.normalizedTitle().contains(wanted))
                .sorted(Comparator.comparing((Entry e) -> !e.normalizedTitle().startsWith(wanted))
                        .thenComparing(e -> e.title().length())
                        .thenComparing(Entry::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    /** The analysed words of a text in a language (lower-cased, stemmed or segmented), distinct. */
    List<String> words(String text, Language language) {
        Set<String> words = new LinkedHashSet<>();
        Analyzer a = language == Language.ZH ? chinese : english;
        try (TokenStream ts = a.tokenStream(field("body", language), text == null ? "" : text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && words.size() < MAX_QUERY_TERMS) {
                if (hasLetterOrDigit(term)) {
                    words.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(words);
    }

    private record Clause(String field, String word, float boost) {
        Query query() {
            return new BoostQuery(new TermQuery(new Term(field, word)), boost);
        }
    }

    private List<Clause> clauses(String text, Set<Language> languages) {
        List<Clause> clauses = new ArrayList<>();
        for (Language language : languages) {
            for (String word : words(text, language)) {
                clauses.add(new Clause(field("title", language), word, TITLE_BOOST));
                clauses.add(new Clause(field("tags", language), word, TAG_BOOST));
                clauses.add(new Clause(field("body", language), word, 1f));
            }
        }
        return clauses;
    }

    /**
     * The idf BM25 gives a word no article of these languages contains: the largest a single
     * word can weigh, and the unit in which {@link AnswerConfidence} measures a score.
     */
    private static double unit(IndexReader reader, Set<Language> languages) throws IOException {
        double unit = 0;
        for (Language language : languages) {
            int docCount = reader.getDocCount(field("body", language));
            unit = Math.max(unit, Math.log(1 + (docCount + 0.5) / 0.5));
        }
        return unit;
    }

    private String snippet(Query words, Language language, String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String bodyField = field("body", language);
        QueryScorer scorer = new QueryScorer(words, bodyField);
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"),
                new SimpleHTMLEncoder(), scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, SNIPPET_CHARS));
        try {
            String best = highlighter.getBestFragment(analyzer, bodyField, text);
            if (best != null) {
                return best.strip();
            }
        } catch (IOException | InvalidTokenOffsetsException e) {
            // a passage without highlights below is still a useful snippet
        }
        String start = text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
        return SimpleHTMLEncoder.htmlEncode(start);
    }

    private static Document document(Entry entry) {
        Language language = entry.language();
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(entry.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID_VALUE, entry.id()));
        doc.add(new StringField(LANG, language.code(), Field.Store.NO));
        doc.add(new StringField(STATUS, entry.status().name(), Field.Store.NO));
        for (String tag : entry.tags()) {
            doc.add(new StringField(TAG, normalizeTag(tag), Field.Store.NO));
        }
        doc.add(new TextField(field("title", language), entry.title(), Field.Store.NO));
        doc.add(new TextField(field("tags", language), String.join(" ", entry.tags()), Field.Store.NO));
        doc.add(new TextField(field("body", language), entry.text(), Field.Store.NO));
        return doc;
    }

    private Entry entry(Article article) {
        return new Entry(article.id(), article.language(), article.title(), article.status(), article.tags(),
                article.body(), markdown.toPlainText(article.body()), QueryText.normalize(article.title()));
    }

    static String field(String name, Language language) {
        return name + "_" + language.code();
    }

    static String normalizeTag(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasLetterOrDigit(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetterOrDigit(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
