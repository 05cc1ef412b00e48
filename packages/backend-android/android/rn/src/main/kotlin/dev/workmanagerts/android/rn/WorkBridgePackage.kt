package dev.workmanagerts.android.rn

import com.facebook.react.BaseReactPackage
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfo
import com.facebook.react.module.model.ReactModuleInfoProvider
import dev.workmanagerts.android.rn.spec.NativeWorkBridgeSpec

/** Registers the `WorkBridge` TurboModule; add it to the app's package list. */
class WorkBridgePackage : BaseReactPackage() {
    override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule? =
        if (name == NativeWorkBridgeSpec.NAME) WorkBridgeModule(reactContext) else null

    override fun getReactModuleInfoProvider(): ReactModuleInfoProvider = ReactModuleInfoProvider {
        mapOf(
            NativeWorkBridgeSpec.NAME to ReactModuleInfo(
                NativeWorkBridgeSpec.NAME, WorkBridgeModule::class.java.name,
                false, false, false, true,
            ),
        )
    }
}
