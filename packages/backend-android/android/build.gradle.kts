// Gradle build of the native library for real app builds (not used on the CI machine, which has
// no Android SDK and no Google Maven; see ../README.md "What is verified where").
// One library module: the bridge core, the androidx.work executor and JsWorker. The host adapters
// are separate modules (rn/, capacitor/, nativescript/) so an app pulls in only its host.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "dev.workmanagerts.android"
    compileSdk = 35
    defaultConfig {
        minSdk = 23
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets {
        getByName("main").java.srcDirs("core/src/main/kotlin", "device/src/main/kotlin")
        getByName("debug").java.srcDirs("harness/src/debug/kotlin")
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

dependencies {
    // The pinned version the compile-only stubs in ../stubs follow. Change both together.
    api("androidx.work:work-runtime:2.10.0")
    implementation("androidx.concurrent:concurrent-futures:1.2.0")
    implementation("com.google.guava:listenablefuture:1.0")
    debugImplementation("androidx.work:work-testing:2.10.0")
}
