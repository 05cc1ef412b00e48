package dev.workmanagerts.android

import org.json.JSONArray
import org.json.JSONObject

/** One androidx `Data` entry with its Java type named, so the pure layers need no androidx class. */
data class DataEntry(val key: String, val type: String, val value: Any?)

/**
 * Wire JSON ↔ androidx `Data` (android-bridge.md §4.4 "Data encoding"), pure. Integers in Int
 * range become Int, other safe integers Long, fractions Double — so the size matches core's
 * `Data.sizeInBytes` exactly; homogeneous arrays become typed arrays; values `Data` cannot hold
 * go as JSON text under `wm.json.<key>`.
 */
object DataCodec {
    private const val MAX_SAFE = 9007199254740991L
    private const val NULL_SENTINEL = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d"

    /**
     * Encodes a wire Data object. User keys with the reserved prefix are refused
     * (`wm.error` is the library's own output key and allowed).
     */
    fun encode(json: JSONObject, what: String): List<DataEntry> {
        val out = ArrayList<DataEntry>()
        for (key in json.keys()) {
            if (key.startsWith(Protocol.RESERVED_PREFIX) && key != Protocol.ERROR_OUTPUT_KEY) {
                throw invalid("$what key \"$key\" uses the reserved prefix \"${Protocol.RESERVED_PREFIX}\"; rename the key.", "INVALID_DATA")
            }
            out.add(encodeValue(key, json.get(key)))
        }
        return out
    }

    private fun encodeValue(key: String, value: Any?): DataEntry = when {
        value == null || value == JSONObject.NULL -> DataEntry(key, "null", null)
        value is Boolean -> DataEntry(key, "boolean", value)
        value is String -> DataEntry(key, "string", value)
        value is Number -> number(value).let { DataEntry(key, it.first, it.second) }
        value is JSONArray -> encodeArray(key, value)
        else -> DataEntry(Protocol.JSON_KEY_PREFIX + key, "string", value.toString())
    }

    private fun number(n: Number): Pair<String, Any> {
        if (n is Int || n is Long || n is Short || n is Byte) {
            val l = n.toLong()
            return when {
                l in Int.MIN_VALUE..Int.MAX_VALUE -> "int" to l.toInt()
                l in -MAX_SAFE..MAX_SAFE -> "long" to l
                else -> "double" to l.toDouble()
            }
        }
        val d = n.toDouble()
        if (d == Math.rint(d) && !d.isInfinite() && Math.abs(d) <= MAX_SAFE.toDouble()) return number(d.toLong())
        return "double" to d
    }

    private fun encodeArray(key: String, array: JSONArray): DataEntry {
        val items = (0 until array.length()).map { array.get(it) }
        if (items.isEmpty()) return DataEntry(key, "stringArray", emptyList<String?>())
        return when {
            items.all { it is Boolean } -> DataEntry(key, "booleanArray", items)
            items.all { it is String || it == JSONObject.NULL } ->
                DataEntry(key, "stringArray", items.map { if (it == JSONObject.NULL) null else it })
            items.all { it is Number } -> {
                val typed = items.map { number(it as Number) }
                when {
                    typed.all { it.first == "int" } -> DataEntry(key, "intArray", typed.map { it.second })
                    typed.all { it.first == "int" || it.first == "long" } ->
                        DataEntry(key, "longArray", typed.map { (it.second as Number).toLong() })
                    else -> DataEntry(key, "doubleArray", items.map { (it as Number).toDouble() })
                }
            }
            else -> DataEntry(Protocol.JSON_KEY_PREFIX + key, "string", array.toString())
        }
    }

    /** The values to hand to androidx `Data.Builder.putAll` (boxed arrays, as `Data` stores them). */
    fun toMap(entries: List<DataEntry>): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        for (e in entries) {
            @Suppress("UNCHECKED_CAST")
            map[e.key] = when (e.type) {
                "booleanArray" -> (e.value as List<Boolean>).toTypedArray()
                "byteArray" -> (e.value as List<Number>).map { it.toByte() }.toTypedArray()
                "intArray" -> (e.value as List<Number>).map { it.toInt() }.toTypedArray()
                "longArray" -> (e.value as List<Number>).map { it.toLong() }.toTypedArray()
                "floatArray" -> (e.value as List<Number>).map { it.toFloat() }.toTypedArray()
                "doubleArray" -> (e.value as List<Number>).map { it.toDouble() }.toTypedArray()
                "stringArray" -> (e.value as List<String?>).toTypedArray()
                "byte" -> (e.value as Number).toByte()
                "int" -> (e.value as Number).toInt()
                "long" -> (e.value as Number).toLong()
                "float" -> (e.value as Number).toFloat()
                "double" -> (e.value as Number).toDouble()
                else -> e.value
            }
        }
        return map
    }

    /**
     * Decodes androidx `Data.getKeyValueMap()` to wire JSON: every number type reads back as a
     * number, `wm.json.<key>` is parsed back (also as the String[] an ArrayCreatingInputMerger
     * makes of it).
     */
    fun decode(map: Map<String, Any?>): JSONObject {
        val out = JSONObject()
        for ((key, value) in map) {
            if (key.startsWith(Protocol.JSON_KEY_PREFIX)) {
                val name = key.removePrefix(Protocol.JSON_KEY_PREFIX)
                out.put(name, when (value) {
                    is String -> parseJson(value)
                    is Array<*> -> JSONArray().also { a -> value.forEach { a.put(if (it is String) parseJson(it) else JSONObject.NULL) } }
                    else -> JSONObject.NULL
                })
            } else {
                out.put(key, toJson(value))
            }
        }
        return out
    }

    private fun parseJson(text: String): Any = JSONArray("[$text]").get(0)

    private fun toJson(value: Any?): Any = when (value) {
        null -> JSONObject.NULL
        is Float -> value.toDouble()
        is Byte -> value.toInt()
        is Array<*> -> JSONArray().also { a -> value.forEach { a.put(toJson(it)) } }
        is BooleanArray -> JSONArray().also { a -> value.forEach { a.put(it) } }
        is ByteArray -> JSONArray().also { a -> value.forEach { a.put(it.toInt()) } }
        is IntArray -> JSONArray().also { a -> value.forEach { a.put(it) } }
        is LongArray -> JSONArray().also { a -> value.forEach { a.put(it) } }
        is FloatArray -> JSONArray().also { a -> value.forEach { a.put(it.toDouble()) } }
        is DoubleArray -> JSONArray().also { a -> value.forEach { a.put(it) } }
        else -> value
    }

    /** androidx's serialized size of these entries (spec §15): what `Data.Builder.build()` checks. */
    fun sizeInBytes(entries: List<DataEntry>): Int =
        8 + entries.sumOf { 1 + valueBytes(it) + 2 + modifiedUtf8Length(it.key) }

    private fun valueBytes(e: DataEntry): Int {
        val list = e.value as? List<*>
        return when (e.type) {
            "null" -> 0
            "boolean", "byte" -> 1
            "int", "float" -> 4
            "long", "double" -> 8
            "string" -> 2 + modifiedUtf8Length(e.value as String)
            "booleanArray", "byteArray" -> 4 + list!!.size
            "intArray", "floatArray" -> 4 + 4 * list!!.size
            "longArray", "doubleArray" -> 4 + 8 * list!!.size
            "stringArray" -> 4 + list!!.sumOf { 2 + modifiedUtf8Length((it as String?) ?: NULL_SENTINEL) }
            else -> throw invalid("Unknown Data type ${e.type}")
        }
    }

    private fun modifiedUtf8Length(s: String): Int = s.sumOf { c ->
        val u = c.code
        when {
            u in 0x0001..0x007f -> 1
            u <= 0x07ff -> 2
            else -> 3
        }.toInt()
    }

    /** Typed entries as JSON (`[{key, type, value}]`), the form plans and vectors use. */
    fun entriesToJson(entries: List<DataEntry>): JSONArray = JSONArray().also { a ->
        for (e in entries) {
            a.put(JSONObject().put("key", e.key).put("type", e.type).put("value", when (val v = e.value) {
                null -> JSONObject.NULL
                is List<*> -> JSONArray().also { arr -> v.forEach { arr.put(it ?: JSONObject.NULL) } }
                else -> v
            }))
        }
    }

    /** Reads `[{key, type, value}]` (vectors, test records) back into entries. */
    fun entriesFromJson(array: JSONArray): List<DataEntry> = (0 until array.length()).map { i ->
        val o = array.getJSONObject(i)
        val raw = o.opt("value")
        val value: Any? = when (raw) {
            null, JSONObject.NULL -> null
            is JSONArray -> (0 until raw.length()).map { raw.get(it).let { x -> if (x == JSONObject.NULL) null else x } }
            else -> raw
        }
        DataEntry(o.getString("key"), o.getString("type"), value)
    }
}
