package dev.workmanagerts.android

import org.json.JSONArray
import org.json.JSONObject

/** Strict readers over org.json that fail with INVALID_ARGUMENT naming the missing field. */
internal object Json {
    fun obj(o: JSONObject, key: String): JSONObject =
        o.opt(key) as? JSONObject ?: throw invalid("\"$key\" must be an object.")

    fun str(o: JSONObject, key: String): String {
        val v = o.opt(key)
        if (v !is String || v.isEmpty()) throw invalid("\"$key\" must be a non-empty string.")
        return v
    }

    fun long(o: JSONObject, key: String): Long {
        val v = o.opt(key) as? Number ?: throw invalid("\"$key\" must be a number.")
        return v.toLong()
    }

    fun bool(o: JSONObject, key: String): Boolean = o.opt(key) as? Boolean ?: throw invalid("\"$key\" must be true or false.")

    fun array(o: JSONObject, key: String): JSONArray =
        o.opt(key) as? JSONArray ?: throw invalid("\"$key\" must be an array.")

    fun strings(o: JSONObject, key: String): List<String> {
        val a = o.opt(key) as? JSONArray ?: return emptyList()
        return (0 until a.length()).map { a.get(it) as? String ?: throw invalid("\"$key\" must hold strings.") }
    }

    fun <T> objects(o: JSONObject, key: String, read: (JSONObject) -> T): List<T> {
        val a = array(o, key)
        return (0 until a.length()).map { read(a.get(it) as? JSONObject ?: throw invalid("\"$key\" must hold objects.")) }
    }

    /** Structural equality of JSON values; numbers compare by value (1 == 1.0). */
    fun same(a: Any?, b: Any?): Boolean {
        val x = if (a == null) JSONObject.NULL else a
        val y = if (b == null) JSONObject.NULL else b
        return when {
            x is JSONObject && y is JSONObject ->
                x.length() == y.length() && x.keys().asSequence().all { y.has(it) && same(x.get(it), y.get(it)) }
            x is JSONArray && y is JSONArray -> x.length() == y.length() && (0 until x.length()).all { same(x.get(it), y.get(it)) }
            x is Number && y is Number -> x.toDouble() == y.toDouble()
            else -> x == y
        }
    }
}
