//! A French-aware text index on disk (tantivy): documents are an id, a name and a body; a
//! search answers the matching ids with their scores. Each feature's `LiveIndex` keeps one,
//! committed with the cursor of the change feed it reflects.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use tantivy::collector::TopDocs;
use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::FRENCH;

struct Fields {
    id: tantivy::schema::Field,
    name: tantivy::schema::Field,
    body: tantivy::schema::Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(FRENCH).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let id = b.add_u64_field("id", INDEXED | FAST | STORED);
    let name = b.add_text_field("name", text.clone());
    let body = b.add_text_field("body", text);
    (b.build(), Fields { id, name, body })
}

/// A document of a text index: an id, a name (weighed more) and the rest of its words.
pub struct Doc {
    pub id: i64,
    pub name: String,
    pub body: String,
}

/// A text index on disk, with the change-feed cursor it was committed with.
pub struct TextIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    version: &'static str,
}

impl TextIndex {
    /// Opens the index in `dir` (created if missing); returns it and the change cursor it
    /// was committed with, `None` when it must be rebuilt.
    pub fn open(dir: &Path, version: &'static str) -> anyhow::Result<(Self, Option<i64>)> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)?;
        let index = match Index::open_or_create(mmap, schema.clone()) {
            Ok(index) => index,
            Err(_) => {
                // An index of an older layout: start afresh.
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        super::register(&index);
        let cursor = index
            .load_metas()?
            .payload
            .and_then(|p| p.strip_prefix(&format!("{version}:")).and_then(|c| c.parse::<i64>().ok()));
        let writer = index.writer(20_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok((Self { reader, writer: Mutex::new(writer), fields, version }, cursor))
    }

    fn document(&self, doc: &Doc) -> TantivyDocument {
        let mut out = TantivyDocument::default();
        out.add_u64(self.fields.id, doc.id as u64);
        out.add_text(self.fields.name, &doc.name);
        out.add_text(self.fields.body, &doc.body);
        out
    }

    /// Replaces the documents of `changed` (removing those not in `docs`) and commits with
    /// the cursor of the change feed.
    pub fn apply(&self, changed: &[i64], docs: &[Doc], cursor: i64) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        for id in changed {
            writer.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{}:{cursor}", self.version));
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// A rebuild in steps, for documents read a page at a time: `clear`, then `add` each page,
    /// then `commit` (nothing is visible before the commit).
    pub fn clear(&self) -> anyhow::Result<()> {
        let writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        writer.delete_all_documents()?;
        Ok(())
    }

    pub fn add(&self, docs: &[Doc]) -> anyhow::Result<()> {
        let writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        Ok(())
    }

    pub fn commit(&self, cursor: i64) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{}:{cursor}", self.version));
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Ids matching `text`, with their scores.
    pub fn matches(&self, text: &str, limit: usize) -> anyhow::Result<HashMap<i64, f32>> {
        let fields = [(self.fields.name, 3.0), (self.fields.body, 1.0)];
        let Some(exact) = super::text_query(&fields, text, false) else {
            return Ok(HashMap::new());
        };
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(limit.max(1)).order_by_score();
        let mut hits = searcher.search(&exact, &collector)?;
        // Only when the words as typed find nothing: tolerate typos ("nextclou").
        if hits.is_empty()
            && let Some(fuzzy) = super::text_query(&fields, text, true)
        {
            hits = searcher.search(&fuzzy, &collector)?;
        }
        let mut out = HashMap::with_capacity(hits.len());
        // Open each segment's id column once, not once per hit.
        let mut columns: HashMap<u32, tantivy::columnar::Column<u64>> = HashMap::new();
        for (score, addr) in hits {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(searcher.segment_reader(addr.segment_ord).fast_fields().u64("id")?)
                }
            };
            if let Some(id) = column.first(addr.doc_id) {
                out.insert(id as i64, score);
            }
        }
        Ok(out)
    }
}
